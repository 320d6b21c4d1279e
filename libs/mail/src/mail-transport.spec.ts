import { classifySendError } from './mail-transport';

describe('classifySendError: what a failed SMTP send means for retrying', () => {
  it('retries when nothing was handed over (connection refused, greeting timeout, 4xx)', () => {
    expect(classifySendError({ message: 'connect ECONNREFUSED', code: 'ESOCKET', command: 'CONN' }).kind).toBe('retry');
    expect(classifySendError({ message: 'Greeting never received', code: 'ETIMEDOUT', command: 'CONN' }).kind).toBe(
      'retry',
    );
    expect(
      classifySendError({ message: 'try later', code: 'EENVELOPE', command: 'RCPT TO', responseCode: 451 }).kind,
    ).toBe('retry');
  });

  it('gives up at once when the server refuses the message or the recipient (5xx)', () => {
    const failure = classifySendError({
      message: 'mailbox unavailable',
      code: 'EENVELOPE',
      command: 'RCPT TO',
      responseCode: 550,
    });
    expect(failure.kind).toBe('permanent');
    expect(failure.message).toBe('mailbox unavailable (during RCPT TO)');
  });

  it('treats a connection lost after DATA as possibly delivered, so it is not blindly sent again', () => {
    // nodemailer reports a quiet socket as ETIMEDOUT 'Timeout' during CONN, whatever the phase.
    expect(classifySendError({ message: 'Timeout', code: 'ETIMEDOUT', command: 'CONN' }).kind).toBe('uncertain');
    expect(classifySendError({ message: 'Connection timeout', code: 'ETIMEDOUT', command: 'CONN' }).kind).toBe('retry');
    expect(classifySendError({ message: 'Connection closed', code: 'ECONNECTION', command: 'DATA' }).kind).toBe(
      'uncertain',
    );
    // A reply after DATA is an answer, not silence: a 4xx there means it was not accepted.
    expect(
      classifySendError({ message: 'queue full', code: 'EMESSAGE', command: 'DATA', responseCode: 452 }).kind,
    ).toBe('retry');
  });
});
