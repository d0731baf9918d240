// The event this page invites to: change these details to your own (times in UTC).
export const EVENT = {
  startsAt: '2027-06-12T17:00:00Z',
  endsAt: '2027-06-12T22:00:00Z',
  venue: 'The Garden Room',
  address: '12 Orchard Lane',
  dressCode: 'Summer casual',
  host: 'Sam & Alex',
};
