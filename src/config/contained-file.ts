// Reads a file the config names (an SCP document) only when it is a regular file of bounded size inside the
// config's folder. What is attached to an organization must come from the reviewed folder: a path such as
// `../../x`, an absolute path or a symlink out of the folder must not choose it, and `/dev/zero` must not
// hang the run.
import { open, realpath, stat } from 'node:fs/promises'
import { relative, sep } from 'node:path'

/** 64 KiB: far above any SCP (5,120 characters once minified), far below anything that strains memory. */
export const MAX_INPUT_FILE_BYTES = 64 * 1024

export type ContainedRead = { text: string } | { problem: string }

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path)
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep)
}

/**
 * `shownAs` is the path as the config wrote it; `optionName` is the config key that lifts the folder rule.
 * The folder test uses real paths, so a symlink is judged by where it points.
 */
export async function readContainedFile(
  file: string,
  folder: string,
  shownAs: string,
  allowOutside: boolean,
  optionName: string,
): Promise<ContainedRead> {
  let real: string
  try {
    real = await realpath(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return { problem: `${shownAs} not found (paths are relative to the config file)` }
    return { problem: `${shownAs} cannot be read: ${code ?? String(error)}` }
  }
  const realFolder = await realpath(folder)
  if (!allowOutside && !inside(realFolder, real)) {
    return {
      problem: `${shownAs} is outside the config file's folder (it resolves to ${relative(realFolder, real)}) — move it next to the config, or set "${optionName}: true" on this entry if that is intended`,
    }
  }
  // Judged before opening: opening a FIFO blocks until someone writes to it.
  const stats = await stat(real)
  if (stats.isDirectory()) return { problem: `${shownAs} is a directory, not a JSON file` }
  if (!stats.isFile()) return { problem: `${shownAs} is not a regular file` }
  if (stats.size > MAX_INPUT_FILE_BYTES) {
    return {
      problem: `${shownAs} is ${stats.size.toLocaleString('en-US')} bytes — input files may be at most ${MAX_INPUT_FILE_BYTES.toLocaleString('en-US')} bytes`,
    }
  }
  const handle = await open(real, 'r').catch((error: NodeJS.ErrnoException) => error)
  if (handle instanceof Error)
    return { problem: `${shownAs} cannot be read: ${handle.code ?? handle.message}` }
  try {
    // Read at most one byte past the limit: the file may grow between stat and read.
    const buffer = Buffer.alloc(MAX_INPUT_FILE_BYTES + 1)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    if (bytesRead > MAX_INPUT_FILE_BYTES) {
      return {
        problem: `${shownAs} grew past ${MAX_INPUT_FILE_BYTES.toLocaleString('en-US')} bytes while read`,
      }
    }
    return { text: buffer.subarray(0, bytesRead).toString('utf8') }
  } finally {
    await handle.close()
  }
}
