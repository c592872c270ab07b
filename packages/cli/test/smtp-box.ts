import type { AddressInfo } from 'node:net'
import type { TestPki } from '@certdeck/core/testing'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

/**
 * A real SMTP server on loopback offering STARTTLS with a certificate of the test PKI; it keeps
 * what it receives, parsed.
 */
export interface SmtpBox {
  readonly port: number
  readonly mails: ParsedMail[]
  /** Stops listening (the port is kept for {@link restart}). */
  stop(): Promise<void>
  /** Listens again on the same port. */
  restart(): Promise<void>
}

/** Starts an {@link SmtpBox} accepting the login `user`/`password` only. */
export async function startSmtpBox(pki: TestPki, user: string, password: string, port = 0): Promise<SmtpBox> {
  const leaf = await pki.leaf({ commonName: 'localhost', sans: ['localhost'], keySlot: 30 })
  const mails: ParsedMail[] = []
  const make = () =>
    new SMTPServer({
      secure: false,
      key: leaf.keyPem,
      cert: `${leaf.pem}\n${leaf.chainPem[0]}`,
      authMethods: ['PLAIN', 'LOGIN'],
      logger: false,
      onAuth(auth, session, callback) {
        if (session.secure && auth.username === user && auth.password === password) callback(null, { user })
        else callback(new Error('535 5.7.8 Authentication credentials invalid'))
      },
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            mails.push(mail)
            callback()
          })
          .catch(callback)
      },
    })
  let server = make()
  const listen = (on: number) =>
    new Promise<number>((resolve, reject) => {
      server.server.once('error', reject)
      server.listen(on, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port))
    })
  const bound = await listen(port)
  return {
    port: bound,
    mails,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    restart: async () => {
      server = make()
      await listen(bound)
    },
  }
}
