import { StringDecoder } from 'node:string_decoder'

/**
 * Reads stdin one line at a time, on demand, so a secret piped on line 1 and another on line 2
 * arrive in order, and a stdin that stays open is never read further than needed.
 */
export class StdinLines {
  private buffer = ''
  private ended = false
  private readonly decoder = new StringDecoder('utf8')
  private wake: (() => void) | undefined

  constructor(private readonly stream: NodeJS.ReadableStream) {
    // Listened to for good: the end can be signalled while the stream is paused between lines.
    stream.once('end', () => {
      this.buffer += this.decoder.end()
      this.ended = true
      this.wake?.()
    })
  }

  /** The next line without its line ending, or `null` when stdin has ended. */
  async next(): Promise<string | null> {
    for (;;) {
      const newline = this.buffer.indexOf('\n')
      if (newline >= 0) {
        const line = this.buffer.slice(0, newline)
        this.buffer = this.buffer.slice(newline + 1)
        return line.replace(/\r$/, '')
      }
      if (this.ended) {
        if (this.buffer === '') return null
        const rest = this.buffer
        this.buffer = ''
        return rest.replace(/\r$/, '')
      }
      await this.more()
    }
  }

  private more(): Promise<void> {
    const stream = this.stream
    return new Promise((resolve, reject) => {
      const onData = (chunk: Buffer | string) => {
        this.buffer += typeof chunk === 'string' ? chunk : this.decoder.write(chunk)
        finish()
      }
      const onError = (error: Error) => {
        cleanup()
        reject(error)
      }
      const cleanup = () => {
        this.wake = undefined
        stream.off('data', onData)
        stream.off('error', onError)
        stream.pause()
      }
      const finish = () => {
        cleanup()
        resolve()
      }
      this.wake = finish
      stream.on('data', onData)
      stream.on('error', onError)
      stream.resume()
    })
  }
}
