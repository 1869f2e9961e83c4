// AWS Account Management's alternate contacts (GetAlternateContact, PutAlternateContact,
// DeleteAlternateContact; Account Management API reference). AccountId names another account: the caller
// must be the management account or the delegated administrator for account.amazonaws.com, with trusted
// access enabled, and the account must be a member of the organization; the management account can't
// name itself — it calls without AccountId (the AccountId member's documentation in the model). One contact
// per type and account.
import { SandboxError } from '../errors.ts'
import type { World } from '../state.ts'
import type { CallContext, RestRoute } from './service.ts'

interface Contact {
  Name: string
  Title: string
  EmailAddress: string
  PhoneNumber: string
}

const contactsOf = (world: World, account: string): Map<string, Contact> => {
  const all = world.slice('account-alternate-contacts', () => new Map<string, Map<string, Contact>>())
  let mine = all.get(account)
  if (!mine) {
    mine = new Map()
    all.set(account, mine)
  }
  return mine
}

const denied = (ctx: CallContext, operation: string, target: string, why: string) =>
  new SandboxError(
    'AccessDeniedException',
    `User: ${ctx.principalArn} is not authorized to perform: account:${operation} on resource: arn:aws:account::${ctx.world.managementAccountId}:account/${ctx.world.organizationId}/${target} (${why})`,
    403,
  )

/** The account a contact call acts on. Messages in parentheses are crafted. */
function contactAccount(ctx: CallContext, body: Record<string, unknown>, operation: string): string {
  const requested = body.AccountId
  if (requested === undefined || requested === null) return ctx.account
  const target = String(requested)
  const { world } = ctx
  if (target === world.managementAccountId)
    throw denied(ctx, operation, target, 'the management account calls without AccountId')
  const admin =
    ctx.account === world.managementAccountId || world.isDelegatedAdmin(ctx.account, 'account.amazonaws.com')
  if (!admin)
    throw denied(
      ctx,
      operation,
      target,
      'only the management account or a delegated administrator may name an account',
    )
  if (!world.hasTrustedAccess('account.amazonaws.com'))
    throw denied(ctx, operation, target, 'trusted access for account.amazonaws.com is not enabled')
  if (!world.accounts.has(target)) throw denied(ctx, operation, target, 'not a member of the organization')
  return target
}

const notFound = () =>
  new SandboxError(
    'ResourceNotFoundException',
    'No contact of the inputted alternate contact type found.',
    404,
  )

export const getAlternateContact: RestRoute['handler'] = ({ body }, ctx) => {
  const account = contactAccount(ctx, body, 'GetAlternateContact')
  const type = String(body.AlternateContactType)
  const contact = contactsOf(ctx.world, account).get(type)
  if (!contact) throw notFound()
  return { AlternateContact: { ...contact, AlternateContactType: type } }
}

export const putAlternateContact: RestRoute['handler'] = ({ body }, ctx) => {
  const account = contactAccount(ctx, body, 'PutAlternateContact')
  contactsOf(ctx.world, account).set(String(body.AlternateContactType), {
    Name: String(body.Name),
    Title: String(body.Title),
    EmailAddress: String(body.EmailAddress),
    PhoneNumber: String(body.PhoneNumber),
  })
  return {}
}

export const deleteAlternateContact: RestRoute['handler'] = ({ body }, ctx) => {
  const account = contactAccount(ctx, body, 'DeleteAlternateContact')
  const contacts = contactsOf(ctx.world, account)
  if (!contacts.delete(String(body.AlternateContactType))) throw notFound()
  return {}
}
