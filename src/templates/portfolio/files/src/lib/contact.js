/** Contact form rules: field validation and the mailto link that carries the message. */

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Whether a string looks like a deliverable address: isEmail('ada@example.com') === true. */
export function isEmail(value) {
  return typeof value === 'string' && value.length <= 254 && EMAIL.test(value);
}

/** Trimmed values and a message per invalid field: validateContact({ name: '', ... }).errors.name === 'Please enter your name.'. */
export function validateContact(input) {
  const values = {
    name: String(input.name ?? '').trim(),
    email: String(input.email ?? '').trim(),
    message: String(input.message ?? '').trim(),
  };
  const errors = {};
  if (values.name.length === 0) errors.name = 'Please enter your name.';
  else if (values.name.length > 80) errors.name = 'Please keep your name under 80 characters.';
  if (!isEmail(values.email)) errors.email = 'Please enter a valid email address.';
  if (values.message.length < 10) errors.message = 'Please write at least 10 characters.';
  else if (values.message.length > 2000) errors.message = 'Please keep your message under 2000 characters.';
  return { valid: Object.keys(errors).length === 0, values, errors };
}

/** A mailto: URL to `to` with subject and body filled from the form values. */
export function buildMailto(to, values) {
  if (!isEmail(to)) throw new Error(`invalid recipient: ${to}`);
  const subject = `Hello from ${values.name}`;
  const body = `${values.message}\n\n— ${values.name} <${values.email}>`;
  return `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}
