// CloudFormation providers for AWS::KMS::Key (Ref = key id; Arn, KeyId) and AWS::KMS::Alias (Ref = alias
// name), so a template that names a key makes one whose key policy the services then evaluate.
import { SandboxError } from '../../errors.ts'
import {
  cfnBool,
  cfnString,
  declaredProps,
  projectDeclared,
  resourceKey,
} from '../cloudformation/resource-props.ts'
import { type ResourceProvider, registerResourceProvider } from '../cloudformation/resource-providers.ts'
import { checkKeyPolicy, createAlias, createKey, deleteAlias, deleteKey, kmsState } from './keys.ts'

type Props = Record<string, unknown>

const keyArn = (region: string, account: string, id: string) => `arn:aws:kms:${region}:${account}:key/${id}`

const keyProvider: ResourceProvider = {
  create(props, ctx) {
    const key = createKey(ctx.world, {
      account: ctx.account,
      region: ctx.region,
      ...(props.KeyPolicy !== undefined && { policy: props.KeyPolicy }),
      ...(props.Description !== undefined && { description: String(props.Description) }),
      enabled: cfnBool(props.Enabled, true),
      ...(props.KeySpec !== undefined && { keySpec: String(props.KeySpec) }),
      ...(props.KeyUsage !== undefined && { keyUsage: String(props.KeyUsage) }),
      multiRegion: cfnBool(props.MultiRegion, false),
      rotation: cfnBool(props.EnableKeyRotation, false),
    })
    declaredProps(ctx.world, 'kms-key').remember(resourceKey(key.keyId, ctx), props)
    return { physicalId: key.keyId, attributes: { Arn: key.arn, KeyId: key.keyId } }
  },
  update(physicalId, props, ctx) {
    const key = kmsState(ctx.world).keys.get(keyArn(ctx.region, ctx.account, physicalId))
    if (!key) throw new SandboxError('NotFoundException', `Key '${physicalId}' does not exist`)
    if (props.KeyPolicy !== undefined) key.policy = checkKeyPolicy(props.KeyPolicy, ctx.account)
    key.enabled = cfnBool(props.Enabled, true)
    key.rotation = cfnBool(props.EnableKeyRotation, false)
    key.description = cfnString(props.Description)
    declaredProps(ctx.world, 'kms-key').remember(resourceKey(physicalId, ctx), props)
    return { attributes: { Arn: key.arn, KeyId: key.keyId } }
  },
  delete(physicalId, ctx) {
    // KMS schedules deletion (7–30 days); the key is unusable from then on, which is all the sandbox keeps.
    deleteKey(ctx.world, keyArn(ctx.region, ctx.account, physicalId))
    declaredProps(ctx.world, 'kms-key').forget(resourceKey(physicalId, ctx))
  },
  read(physicalId, ctx) {
    const key = kmsState(ctx.world).keys.get(keyArn(ctx.region, ctx.account, physicalId))
    if (!key) return undefined
    const declared = declaredProps(ctx.world, 'kms-key').get(resourceKey(physicalId, ctx))
    const actual = {
      KeyPolicy: typeof declared.KeyPolicy === 'string' ? JSON.stringify(key.policy) : key.policy,
      Description: key.description,
      Enabled: key.enabled,
      KeySpec: key.keySpec,
      KeyUsage: key.keyUsage,
      MultiRegion: key.multiRegion,
      EnableKeyRotation: key.rotation,
    }
    return projectDeclared(actual, declared) as Props
  },
}

const aliasProvider: ResourceProvider = {
  create(props, ctx) {
    const name = cfnString(props.AliasName) ?? ''
    createAlias(ctx.world, ctx.account, ctx.region, name, cfnString(props.TargetKeyId) ?? '')
    declaredProps(ctx.world, 'kms-alias').remember(resourceKey(name, ctx), props)
    return { physicalId: name }
  },
  update(physicalId, props, ctx) {
    deleteAlias(ctx.world, ctx.account, ctx.region, physicalId)
    createAlias(ctx.world, ctx.account, ctx.region, physicalId, cfnString(props.TargetKeyId) ?? '')
    declaredProps(ctx.world, 'kms-alias').remember(resourceKey(physicalId, ctx), props)
  },
  delete(physicalId, ctx) {
    deleteAlias(ctx.world, ctx.account, ctx.region, physicalId)
    declaredProps(ctx.world, 'kms-alias').forget(resourceKey(physicalId, ctx))
  },
  read(physicalId, ctx) {
    const id = kmsState(ctx.world).aliases.get(`${ctx.account}/${ctx.region}/${physicalId}`)
    if (!id) return undefined
    const declared = declaredProps(ctx.world, 'kms-alias').get(resourceKey(physicalId, ctx))
    // TargetKeyId may be given as the key's id or ARN; answer in the form the template used.
    const target = String(declared.TargetKeyId ?? '').startsWith('arn:')
      ? keyArn(ctx.region, ctx.account, id)
      : id
    return projectDeclared({ AliasName: physicalId, TargetKeyId: target }, declared) as Props
  },
}

registerResourceProvider('AWS::KMS::Key', keyProvider)
registerResourceProvider('AWS::KMS::Alias', aliasProvider)
