import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { failureBlocks } from './failure-blocks.ts'

const test = suite('soak failure blocks')

// A colourless `test/run.ts` output as uvu prints it: a multi-line message is echoed at the head of the stack.
const OUTPUT = [
  'e2e/onboard.test.ts',
  ' onboard  • ✘   (1 / 2)',
  '',
  '   FAIL  onboard  "an account outside the target OUs"',
  '    apply said:',
  'planned 3 changes',
  '',
  'error: ListRoots failed',
  'exit 1  (is)',
  '',
  '        ++0    (Expected)',
  '        --1    (Actual)',
  '        ',
  '    planned 3 changes',
  '    error: ListRoots failed',
  '    exit 1',
  '    at assert (file:///work/node_modules/uvu/assert/index.mjs:33:8)',
  '    at Object.handler (/work/test/e2e/onboard.test.ts:72:12)',
  '    at async runFile (/work/test/run.ts:71:5)',
  '',
  '',
  '',
  '  Total:     2',
  '  Passed:    1',
  'e2e/guardduty.test.ts',
  ' guardduty  ✘   (0 / 1)',
  '',
  '   FAIL  guardduty  "holds back"',
  '    The resource is being modified by another request.',
  '',
  '    at async Object.handler (/work/test/e2e/guardduty.test.ts:20:3)',
  '',
  ' next suite  • •   (2 / 2)',
  'test worker exited with 1 while running e2e/reconcile.test.ts',
  '3 passed, 3 failed',
].join('\n')

test('each block whole, once, headed by its file; runner frames and what follows the stack left out', () => {
  assert.equal(failureBlocks(OUTPUT), [
    [
      'e2e/onboard.test.ts: FAIL  onboard  "an account outside the target OUs"',
      '    apply said:',
      'planned 3 changes',
      '',
      'error: ListRoots failed',
      'exit 1  (is)',
      '',
      '        ++0    (Expected)',
      '        --1    (Actual)',
      '    at Object.handler (/work/test/e2e/onboard.test.ts:72:12)',
    ].join('\n'),
    [
      'e2e/guardduty.test.ts: FAIL  guardduty  "holds back"',
      '    The resource is being modified by another request.',
      '    at async Object.handler (/work/test/e2e/guardduty.test.ts:20:3)',
    ].join('\n'),
    'test worker exited with 1 while running e2e/reconcile.test.ts',
  ])
})

test('a long block keeps its head and its tail (the last words and the stack)', () => {
  const [block] = failureBlocks(OUTPUT, 6)
  assert.equal(block?.split('\n'), [
    'e2e/onboard.test.ts: FAIL  onboard  "an account outside the target OUs"',
    '    apply said:',
    '    … 5 lines left out …',
    '        ++0    (Expected)',
    '        --1    (Actual)',
    '    at Object.handler (/work/test/e2e/onboard.test.ts:72:12)',
  ])
})

test.run()
