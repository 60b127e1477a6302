import { DataStackError } from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';

/** The largest stack.yaml, descriptor or library file read (a whole library is well under 1 MiB). */
export const MAX_INPUT_BYTES = 1024 * 1024;

const problem = (file: string, message: string) =>
  new DataStackError([{ file, path: '', message }]);

/**
 * Reads a user-supplied text file: only a regular file (a FIFO or a device
 * such as /dev/zero would block or never end), at most `maxBytes`, and
 * valid UTF-8 (a bad byte would otherwise become U+FFFD silently). With
 * `noFollow`, a symlink is refused too (library files must be the library's
 * own). Every failure is one problem naming the file.
 */
export function readInputFile(
  file: string,
  options: { maxBytes?: number; noFollow?: boolean } = {},
): string {
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    fd = fs.openSync(
      file,
      fs.constants.O_RDONLY |
        fs.constants.O_NONBLOCK |
        (options.noFollow ? fs.constants.O_NOFOLLOW : 0),
    );
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reasons: Record<string, string> = {
      ENOENT: 'does not exist',
      ELOOP: 'is a symbolic link; give the file itself',
    };
    throw problem(
      file,
      (code && reasons[code]) ??
        `cannot be read (${code ?? (error as Error).message})`,
    );
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory())
      throw problem(file, 'is a directory; give the file itself');
    if (!stat.isFile())
      throw problem(file, 'is not a regular file (a pipe, socket or device)');
    if (stat.size > maxBytes)
      throw problem(
        file,
        `is ${stat.size} bytes; at most ${maxBytes} bytes are read`,
      );
    const bytes = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = fs.readSync(fd, bytes, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(
        bytes.subarray(0, read),
      );
    } catch {
      throw problem(file, 'is not valid UTF-8 text');
    }
  } finally {
    fs.closeSync(fd);
  }
}
