// `completion bash|zsh`: a completion script for the commands and each command's flags, read from the
// commands' own --help so it never falls behind them. Generated once, at install time:
//   org-baseline completion bash > /etc/bash_completion.d/org-baseline   (or eval it in ~/.bashrc)
import { PassThrough } from 'node:stream'
import { UsageError } from '../errors.ts'
import type { Io } from './io.ts'

export const COMPLETION_HELP = `Usage: org-baseline completion bash|zsh

Prints a shell completion script for commands and their flags. Install it with
  bash: echo 'eval "$(org-baseline completion bash)"' >> ~/.bashrc
  zsh:  echo 'eval "$(org-baseline completion zsh)"' >> ~/.zshrc`

export async function completionCommand(argv: string[], io: Io): Promise<number> {
  const [shell, ...extra] = argv
  if (shell === '--help' || shell === '-h') {
    io.stdout.write(`${COMPLETION_HELP}\n`)
    return 0
  }
  if ((shell !== 'bash' && shell !== 'zsh') || extra.length > 0) {
    throw new UsageError('completion takes the shell: completion bash, or completion zsh')
  }
  const { COMMANDS, main } = await import('../cli.ts')
  const flags: Record<string, string[]> = {}
  for (const name of Object.keys(COMMANDS)) flags[name] = flagsOf(await helpOf(main, name))
  io.stdout.write(shell === 'bash' ? bash(flags) : zsh(flags))
  return 0
}

async function helpOf(main: (argv: string[], io: Io) => Promise<number>, command: string): Promise<string> {
  const out = new PassThrough()
  let text = ''
  out.on('data', (chunk) => {
    text += String(chunk)
  })
  await main([command, '--help'], { stdout: out, stderr: new PassThrough(), stdin: new PassThrough() })
  return text
}

const flagsOf = (help: string) => [...new Set(help.match(/(?<![\w-])--[a-z][a-z0-9-]*/g) ?? [])].sort()

function bash(flags: Record<string, string[]>): string {
  const cases = Object.entries(flags)
    .map(([name, list]) => `    ${name}) opts="${list.join(' ')}" ;;`)
    .join('\n')
  return `# bash completion for org-baseline
_org_baseline() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" opts
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${Object.keys(flags).join(' ')} help --help --version" -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}
    help) opts="${Object.keys(flags).join(' ')}" ;;
    *) opts="" ;;
  esac
  if [[ "$cur" == -* || "\${COMP_WORDS[1]}" == help ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o default -F _org_baseline org-baseline
`
}

function zsh(flags: Record<string, string[]>): string {
  const cases = Object.entries(flags)
    .map(
      ([name, list]) => `    ${name}) _arguments '*:file:_files' ${list.map((f) => `'${f}[]'`).join(' ')} ;;`,
    )
    .join('\n')
  return `#compdef org-baseline
# zsh completion for org-baseline
_org_baseline() {
  if (( CURRENT == 2 )); then
    compadd -- ${Object.keys(flags).join(' ')} help --help --version
    return
  fi
  case "\${words[2]}" in
${cases}
    help) compadd -- ${Object.keys(flags).join(' ')} ;;
  esac
}
compdef _org_baseline org-baseline
`
}
