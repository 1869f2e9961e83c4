import { Writable } from 'node:stream'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createLogger } from '../../../src/log.ts'

test('credentials and tokens never reach the log', () => {
  let text = ''
  const sink = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk)
      done()
    },
  })
  const log = createLogger('info', sink)
  const secret = 'wJalrXUtnFEMI-example-secret'
  log.info({ credentials: { accessKeyId: 'id', secretAccessKey: secret } }, 'assumed')
  log.info({ response: { Credentials: { SecretAccessKey: secret, SessionToken: secret } } }, 'sts')
  log.info({ request: { headers: { authorization: `AWS4-HMAC-SHA256 Signature=${secret}` } } }, 'call')
  log.info({ session: { sessionToken: secret } }, 'session')
  assert.not.match(text, secret)
  assert.match(text, '[redacted]')
  assert.is(text.trim().split('\n').length, 4)
})

test.run()
