// Whether a named profile exists in the shared config or credentials file, read as the SDK reads them
// (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/). The SDK's provider chain reports a missing
// profile only as "Could not load credentials from any providers"; this tells the two apart.
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'

const read = (path: string) => readFile(path, 'utf8').catch(() => '')

export async function profileExists(name: string): Promise<boolean> {
  const config = await read(process.env.AWS_CONFIG_FILE ?? join(homedir(), '.aws', 'config'))
  const credentials = await read(
    process.env.AWS_SHARED_CREDENTIALS_FILE ?? join(homedir(), '.aws', 'credentials'),
  )
  const section = (text: string, header: string) =>
    text.split('\n').some((line) => line.trim().replace(/\s+/g, ' ') === `[${header}]`)
  return (
    section(config, `profile ${name}`) ||
    (name === 'default' && section(config, 'default')) ||
    section(credentials, name)
  )
}

/** The error the chain gives for a missing profile, named as the SDK's own credential errors are. */
export class ProfileNotFound extends Error {
  constructor(profile: string) {
    super(`Profile ${profile} was not found.`)
    this.name = 'CredentialsProviderError'
  }
}
