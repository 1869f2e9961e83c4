// The failing tests' reports in a `test/run.ts` output, whole: uvu's block (FAIL, suite and test name, the
// assertion message with whatever the test put in it — e.g. the tool's output — expected/actual, the stack),
// headed by the file it came from. A soak keeps these so a failure's reason survives the run.

/** A block longer than this keeps its head and tail (the tool's last words and the stack end a block). */
export const FAILURE_LINES = 40

const FILE_HEADER = /^\S+\.test\.ts$/
const FAIL_HEADER = /^\s*FAIL\s/
const STACK_LINE = /^\s+at\s/
// Frames of the test runner and uvu say nothing about the failure.
const RUNNER_FRAME = /node_modules\/|test\/run\.ts:/
const TOTALS = /^\s*Total:\s+\d+/
// Failures that are not a test's: a file that threw while loading, a worker that died, uvu cut short.
const RUN_FAILURE = /^(\S+\.test\.ts: |test worker exited|Exiting early)/
const OPERATOR = /\s+\(\w+\)$/
const blank = (line: string) => line.trim() === ''

/** Each failure block of a colourless `test/run.ts` output, capped at `maxLines` lines each. */
export function failureBlocks(output: string, maxLines = FAILURE_LINES): string[] {
  const blocks: string[] = []
  let file = ''
  let block: string[] | undefined
  const close = () => {
    if (block) blocks.push(cap(readable(block), maxLines).join('\n'))
    block = undefined
  }
  for (const line of output.split('\n')) {
    const header = FILE_HEADER.test(line.trim())
    if (header || TOTALS.test(line)) {
      close()
      if (header) file = line.trim()
    } else if (FAIL_HEADER.test(line)) {
      close()
      block = [`${file}: ${line.trim()}`]
    } else if (RUN_FAILURE.test(line)) {
      close()
      blocks.push(line)
    } else block?.push(line)
  }
  close()
  return blocks
}

/**
 * uvu prints a multi-line message twice (once as the message, again at the head of the stack, blank lines
 * dropped), and runner frames after the test's own. The block keeps the message once and the frames that
 * point into the project; what follows the stack (the next suite's progress line) is not the failure's.
 */
function readable(block: string[]): string[] {
  let lastFrame = block.length - 1
  while (lastFrame >= 0 && !STACK_LINE.test(block[lastFrame] ?? '')) lastFrame--
  if (lastFrame < 0) return trimEnd(block)
  let stackStart = lastFrame
  while (stackStart > 1 && !blank(block[stackStart - 1] ?? '')) stackStart--
  let framesStart = lastFrame
  while (framesStart > stackStart && STACK_LINE.test(block[framesStart - 1] ?? '')) framesStart--
  const before = block.slice(0, stackStart)
  // The message's last line carries uvu's operator, e.g. `  (is)`.
  const seen = new Set(before.map((l) => l.trim().replace(OPERATOR, '')))
  const echoed = block.slice(stackStart, framesStart)
  const frames = block.slice(framesStart, lastFrame + 1).filter((l) => !RUNNER_FRAME.test(l))
  return [...trimEnd(before), ...(echoed.every((l) => seen.has(l.trim())) ? [] : echoed), ...frames]
}

function trimEnd(lines: string[]): string[] {
  let end = lines.length
  while (end > 1 && blank(lines[end - 1] ?? '')) end--
  return lines.slice(0, end)
}

function cap(block: string[], maxLines: number): string[] {
  if (block.length <= maxLines) return block
  const tail = Math.floor(maxLines / 2)
  const head = maxLines - tail - 1
  return [
    ...block.slice(0, head),
    `    … ${block.length - head - tail} lines left out …`,
    ...block.slice(block.length - tail),
  ]
}
