// Couples for the reliability runs, signed up over HTTP: two accounts, a space, and a journey.
import { call } from './http.js';

export interface Person {
  name: string;
  id: string;
  token: string;
  spaceId: string;
  journeyId: string;
  role: 'hurt' | 'broke_trust';
}

export async function signUpCouples(base: string, couples: number): Promise<Person[]> {
  const stamp = `${process.pid}-${Date.now()}`;
  const one = async (c: number): Promise<Person[]> => {
    const make = async (name: string) => {
      const res = await call(base, null, 'POST', '/api/v1/accounts', {
        email: `${name.toLowerCase()}.${c}.${stamp}@example.org`,
        password: `quiet harbour lantern ${c} meadow ${name}`,
        displayName: `${name} ${c}`,
      });
      if (res.status !== 201) throw new Error(`sign-up: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.account.id as string, token: res.body.token as string };
    };
    const [a, b] = await Promise.all([make('Alex'), make('Sam')]);
    const space = await call(base, a.token, 'POST', '/api/v1/spaces', { name: `Couple ${c}` });
    if (space.status !== 201) throw new Error(`space: ${space.status}`);
    const spaceId = space.body.space.id as string;
    const invitation = await call(base, a.token, 'POST', `/api/v1/spaces/${spaceId}/invitations`, {});
    const accepted = await call(base, b.token, 'POST', `/api/v1/invitations/${invitation.body.invitation.code}/accept`);
    if (accepted.status !== 200) throw new Error(`accept: ${accepted.status}`);
    const breach = await call(base, b.token, 'POST', `/api/v1/spaces/${spaceId}/breaches`, { kind: 'infidelity', brokeTrust: [a.id] });
    if (breach.status !== 201) throw new Error(`breach: ${breach.status} ${JSON.stringify(breach.body)}`);
    const journeyId = breach.body.journey.id as string;
    return [
      { name: `Alex ${c}`, ...a, spaceId, journeyId, role: 'broke_trust' },
      { name: `Sam ${c}`, ...b, spaceId, journeyId, role: 'hurt' },
    ];
  };
  const people: Person[] = [];
  // Two couples at a time: argon2 is the slow part and the machine has two cores.
  for (let c = 0; c < couples; c += 2) {
    const batch = await Promise.all([one(c), ...(c + 1 < couples ? [one(c + 1)] : [])]);
    people.push(...batch.flat());
  }
  return people;
}
