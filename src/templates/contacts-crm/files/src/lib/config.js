// The contacts CRM: its fields, filters, sorts, totals and example contacts, for the shared collection module.
import { totals, validateRecord } from './collection.js';

const T = '2024-01-01T00:00:00.000Z';

export const CONFIG = {
  storageKey: 'contacts-crm.contacts',
  item: 'contact',
  items: 'contacts',
  accent: '#1d4ed8',
  titleField: 'name',
  fields: [
    { name: 'name', label: 'Name', type: 'text', required: true, max: 100, placeholder: 'Ada Lovelace' },
    { name: 'company', label: 'Company', type: 'text', max: 100 },
    { name: 'email', label: 'Email', type: 'email' },
    { name: 'phone', label: 'Phone', type: 'text', max: 40 },
    { name: 'stage', label: 'Stage', type: 'select', required: true, options: ['Lead', 'Contacted', 'Proposal', 'Customer', 'Lost'] },
    { name: 'value', label: 'Deal value', type: 'number', min: 0, max: 100000000, prefix: '$' },
    { name: 'nextStep', label: 'Follow up on', type: 'date' },
    { name: 'notes', label: 'Notes', type: 'textarea', max: 4000 },
    { name: 'tags', label: 'Tags', type: 'tags' },
  ],
  summary: ['company', 'stage', 'value', 'email', 'phone', 'nextStep'],
  filters: ['stage'],
  sorts: [
    { label: 'Newest', field: 'createdAt', direction: 'desc' },
    { label: 'Name A–Z', field: 'name', direction: 'asc' },
    { label: 'Follow up first', field: 'nextStep', direction: 'asc' },
    { label: 'Biggest deal', field: 'value', direction: 'desc' },
  ],
  totals: [
    { kind: 'count', label: 'Contacts' },
    { kind: 'countWhere', field: 'stage', value: 'Lead', label: 'Leads' },
    { kind: 'countWhere', field: 'stage', value: 'Customer', label: 'Customers' },
    { kind: 'sum', field: 'value', label: 'Pipeline value', prefix: '$' },
  ],
  seed: [
    { id: 'seed-1', name: 'Maya Chen', company: 'Brightside Bakery', email: 'maya@brightside.example', phone: '+1 555 0101', stage: 'Customer', value: 4800, nextStep: '2024-02-01', notes: 'Renews yearly in February.', tags: ['retail'], createdAt: T },
    { id: 'seed-2', name: 'Tom Okafor', company: 'Okafor Design', email: 'tom@okafor.example', phone: '', stage: 'Proposal', value: 12000, nextStep: '2024-01-15', notes: 'Sent proposal v2; waiting on budget.', tags: ['agency', 'hot'], createdAt: T },
    { id: 'seed-3', name: 'Lena Fischer', company: '', email: 'lena@example.com', phone: '', stage: 'Lead', value: null, nextStep: '', notes: 'Met at the meetup.', tags: [], createdAt: T },
  ],
};

/** A contact checked against the CRM fields. */
export function validate(input) {
  return validateRecord(CONFIG.fields, input);
}

/** The CRM's totals for these contacts. */
export function summarize(records) {
  return totals(records, CONFIG.totals);
}
