import { collectionMeta } from '../collection/meta';

const M = 'src/lib/config.js';
const T = '2024-01-01T00:00:00.000Z';
const contact = (id: string, stage: string, value: number | null) => ({ id, name: `Contact ${id}`, company: '', email: '', phone: '', stage, value, nextStep: '', notes: '', tags: [], createdAt: T });

export const meta = collectionMeta({
  id: 'contacts-crm',
  name: 'Contacts CRM',
  category: 'productivity',
  description:
    'A contacts list and mini CRM: people with company, email, phone, pipeline stage (lead to customer), deal value, follow-up date, notes and tags; search, filter by stage or tag, sort by follow-up or deal size, and see leads, customers and pipeline value, kept in the browser.',
  tagline: 'Your contacts and deals, and who to call next.',
  features: ['contact-details', 'pipeline-stages', 'deal-values', 'follow-up-dates', 'stage-filter'],
  keywords: [
    'crm', 'contacts', 'contact list', 'address book', 'customers', 'clients', 'client list', 'leads', 'sales pipeline', 'pipeline',
    'deals', 'customer management', 'rolodex', 'networking', 'follow up', 'mini crm',
  ],
  item: 'contact',
  logic: [
    {
      module: M,
      export: 'validate',
      cases: [
        {
          name: 'a contact with its fields, email lowercased',
          args: [{ name: ' Ada  Lovelace ', company: 'Engines Ltd', email: 'Ada@Example.com', stage: 'Lead', value: '2500', nextStep: '2024-03-01', tags: 'VIP' }],
          expected: { name: 'Ada Lovelace', company: 'Engines Ltd', email: 'ada@example.com', phone: '', stage: 'Lead', value: 2500, nextStep: '2024-03-01', notes: '', tags: ['vip'] },
        },
        { name: 'rejects a bad email', args: [{ name: 'Ada', stage: 'Lead', email: 'ada at example' }], throws: 'Email must be an email address' },
        { name: 'rejects an unknown stage', args: [{ name: 'Ada', stage: 'Friend' }], throws: 'Stage must be one of: Lead, Contacted, Proposal, Customer, Lost' },
        { name: 'rejects a bad date', args: [{ name: 'Ada', stage: 'Lead', nextStep: 'next week' }], throws: 'Follow up on must be a date (YYYY-MM-DD)' },
      ],
    },
    {
      module: M,
      export: 'summarize',
      cases: [
        {
          name: 'contacts, leads, customers and pipeline value',
          args: [[contact('1', 'Lead', 1000), contact('2', 'Customer', 4800), contact('3', 'Lead', null)]],
          expected: [{ label: 'Contacts', value: 3 }, { label: 'Leads', value: 2 }, { label: 'Customers', value: 1 }, { label: 'Pipeline value', value: 5800 }],
        },
      ],
    },
  ],
  smoke: {
    description: 'add a lead and find it among the leads',
    steps: [
      { expectCount: '#records .record', count: 3 },
      { fill: '#field-name', value: 'Grace Hopper' },
      { fill: '#field-email', value: 'grace@example.com' },
      { select: '#field-stage', value: 'Lead' },
      { fill: '#field-value', value: '3000' },
      { click: '#save' },
      { select: '#filter-stage', value: 'Lead' },
      { expectCount: '#records .record', count: 2 },
      { expectText: '#records', text: 'Grace Hopper' },
      { expectText: '#totals', text: '$19800' },
    ],
  },
});
