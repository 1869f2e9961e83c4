// The SECURITY alternate contact the config asks for, as the Account API writes and reads it.
import type { OrgConfig } from '../../config/schema.ts'

export interface ContactState {
  name: string
  title: string
  email: string
  phone: string
}

/** Whether the config manages security contacts at all (a `contacts.security` section, on or off). */
export const securityContactsManaged = (c: OrgConfig) => c.contacts.security !== undefined

/** Whether every account should have the configured contact (the section present and enabled). */
export const securityContactsOn = (c: OrgConfig) => c.contacts.security?.enabled === true

export function desiredContact(c: OrgConfig): ContactState | null {
  const s = c.contacts.security
  if (!s?.enabled || !s.name || !s.title || !s.email || !s.phone) return null
  return { name: s.name, title: s.title, email: s.email, phone: s.phone }
}
