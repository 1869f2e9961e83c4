// Module `security-contacts`: the SECURITY alternate contact of every account in scope — each member
// account through AccountId, the management account without it (AWS: the management account can't name
// itself) — set from the management account with trusted access for account.amazonaws.com. AWS has no
// organization-wide read: one GetAlternateContact per account, concurrent within --concurrency and paced
// at the Account API's published rate. `contacts.security.enabled: false` deletes them (destructive).
import {
  DeleteAlternateContactCommand,
  GetAlternateContactCommand,
  PutAlternateContactCommand,
} from '@aws-sdk/client-account'
import { retryConflicts } from '../../aws/retry-conflicts.ts'
import type { Change, Note } from '../../engine/change.ts'
import { mapLimit } from '../../engine/concurrency.ts'
import type { Desired } from '../../engine/desired.ts'
import type { Context, Module } from '../../engine/module.ts'
import { recheck } from '../../engine/recheck.ts'
import { errorName, OrgBaselineError } from '../../errors.ts'
import * as arn from '../../iam/arns.ts'
import { grant } from '../../iam/grant.ts'
import type { OrgAccount } from '../organization/snapshot.ts'
import { ACCOUNT_PRINCIPAL, enabledPrincipals, trustedAccessAddress } from '../trusted-access.ts'
import { contactPace } from './pace.ts'
import { type ContactState, desiredContact, securityContactsManaged } from './settings.ts'

const MODULE = 'security-contacts'
const TYPE = 'SECURITY'

export const contactAddress = (account: string) => `security-contacts.contact[${account}]`

/** Account id → its SECURITY contact, or null when it has none. */
type Observed = Map<string, ContactState | null>

/** Active accounts the baseline covers: every one but the excluded accounts and OUs. */
export function contactAccounts(desired: Desired): OrgAccount[] {
  const excludedOus = desired.excludedOus.map((o) => o.label)
  return desired.org.accounts.filter(
    (a) =>
      a.status === 'ACTIVE' &&
      !desired.excludedAccounts.some((x) => x.id === a.id) &&
      !excludedOus.some((path) => a.path === path || a.path.startsWith(`${path}/`)),
  )
}

/** The management account calls about itself without AccountId (AccountId documentation in the API). */
const target = (desired: Desired, account: string) =>
  account === desired.management.id ? {} : { AccountId: account }

export async function readContact(ctx: Context, account: string): Promise<ContactState | null> {
  await contactPace(ctx.aws).get.take()
  try {
    const { AlternateContact: c } = await ctx.aws
      .account()
      .send(new GetAlternateContactCommand({ AlternateContactType: TYPE, ...target(ctx.desired, account) }))
    return {
      name: c?.Name ?? '',
      title: c?.Title ?? '',
      email: c?.EmailAddress ?? '',
      phone: c?.PhoneNumber ?? '',
    }
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return null
    throw error
  }
}

function diffContacts(desired: Desired, observed: Observed): Change[] {
  const want = desiredContact(desired.config)
  const changes: Change[] = []
  for (const account of contactAccounts(desired)) {
    const have = observed.get(account.id) ?? null
    const base = { address: contactAddress(account.id), module: MODULE, account: account.id, dependsOn: [] }
    if (!want) {
      if (have)
        changes.push({
          ...base,
          action: 'delete',
          before: have,
          after: null,
          reason:
            "security contacts are turned off: delete the SECURITY contact — AWS then sends security notices to the root user's address only",
          destructive: true,
        })
      continue
    }
    if (JSON.stringify(have) === JSON.stringify(want)) continue
    changes.push({
      ...base,
      action: have ? 'update' : 'create',
      before: have,
      after: want,
      // The entry's header names the account: a reason without it lets one group cover every account.
      reason: have
        ? 'the SECURITY contact differs from contacts.security'
        : 'set the SECURITY contact: AWS sends security notifications there as well as to the root user',
      dependsOn: [trustedAccessAddress(ACCOUNT_PRINCIPAL)],
      destructive: false,
    })
  }
  return changes
}

function contactNotes(desired: Desired): Note[] {
  if (!desiredContact(desired.config)) return []
  return [
    {
      module: MODULE,
      level: 'info',
      account: desired.management.id,
      message: `the management account's security contact is set by calling without AccountId (AWS: the management account can't name itself); ${contactAccounts(desired).length} account(s) are read one by one (no organization-wide read), paced at the Account API's 10 GetAlternateContact per second`,
    },
  ]
}

async function applyContact(change: Change, ctx: Context): Promise<void> {
  const account = change.account
  if (!account) throw new OrgBaselineError('PlanMismatch', `${change.address} has no account`)
  // A create writes at once: PutAlternateContact sets the whole contact whatever was there, and a create may
  // have been planned before trusted access allowed reading the account.
  if (change.action !== 'create' && recheck(change, await readContact(ctx, account)) === 'done') return
  const pace = contactPace(ctx.aws)
  const where = target(ctx.desired, account)
  if (change.action === 'delete') {
    await pace.delete.take()
    await retryConflicts(() =>
      ctx.aws.account().send(new DeleteAlternateContactCommand({ AlternateContactType: TYPE, ...where })),
    ).catch((error) => {
      if (errorName(error) !== 'ResourceNotFoundException') throw error
    })
    return
  }
  const c = change.after as ContactState
  await pace.put.take()
  await retryConflicts(() =>
    ctx.aws.account().send(
      new PutAlternateContactCommand({
        AlternateContactType: TYPE,
        Name: c.name,
        Title: c.title,
        EmailAddress: c.email,
        PhoneNumber: c.phone,
        ...where,
      }),
    ),
  )
}

export const securityContacts: Module<Observed> = {
  name: MODULE,
  permissions: {
    management: [
      'organizations:ListAWSServiceAccessForOrganization',
      grant(
        ['account:GetAlternateContact', 'account:PutAlternateContact', 'account:DeleteAlternateContact'],
        () => [arn.ownAccount(), arn.accountsInOrganization()],
        { StringEquals: { 'account:AlternateContactTypes': [TYPE] } },
      ),
    ],
    member: [],
  },
  enabled: (desired) => securityContactsManaged(desired.config),
  fingerprint: (desired) => ({
    contact: desiredContact(desired.config),
    accounts: contactAccounts(desired).map((a) => a.id),
  }),
  async observe(ctx) {
    const accounts = contactAccounts(ctx.desired)
    const concurrency = ctx.aws.settings.concurrency ?? 8
    // Members can only be read once trusted access is on (the first apply enables it): until then they are
    // planned unread, as having no contact, and written without a re-check (see applyContact).
    const readable = (await enabledPrincipals(ctx)).has(ACCOUNT_PRINCIPAL)
    const contacts = await mapLimit(accounts, concurrency, (a) =>
      readable || a.id === ctx.desired.management.id ? readContact(ctx, a.id) : Promise.resolve(null),
    )
    return new Map(accounts.map((a, i) => [a.id, contacts[i] ?? null]))
  },
  diff: diffContacts,
  notes: contactNotes,
  apply: applyContact,
}
