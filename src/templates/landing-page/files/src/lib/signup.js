// Signup form rules: checks and normalises an email address, answering with a message people can act on.

const MAX_EMAIL_LENGTH = 254;
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** Validates an email, e.g. validateEmail(' Ada@Example.COM ') → { valid: true, email: 'Ada@example.com' }. */
export function validateEmail(value) {
  if (typeof value !== 'string') throw new TypeError('Email must be a string');
  const email = value.trim();
  if (!email) return { valid: false, error: 'Please enter your email address.' };
  const at = email.lastIndexOf('@');
  if (at === -1) return { valid: false, error: 'An email address needs an @, like name@example.com.' };
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  const validDomain = labels.length >= 2 && labels.every((label) => DOMAIN_LABEL.test(label)) && /^[A-Za-z]{2,}$/.test(labels.at(-1));
  if (email.length > MAX_EMAIL_LENGTH || !LOCAL_PART.test(local) || !validDomain) {
    return { valid: false, error: 'Please enter a valid email address, like name@example.com.' };
  }
  return { valid: true, email: `${local}@${labels.join('.').toLowerCase()}` };
}
