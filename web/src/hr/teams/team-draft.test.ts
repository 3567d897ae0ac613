import { describe, expect, it } from 'vitest';
import { teamCreateInput } from '@portal/shared/team-inputs';
import { teamDraftOf, teamInputFrom } from './team-draft';

describe('a team\'s form as the API takes it', () => {
  it('trims every field and sends the branding given', () => {
    const input = teamInputFrom({ id: ' design ', name: ' Design ', logoUrl: ' https://cdn.example.com/logo.svg ', colour: '#AA3300 ' });
    expect(input).toEqual({ id: 'design', name: 'Design', branding: { logoUrl: 'https://cdn.example.com/logo.svg', colour: '#AA3300' } });
    expect(teamCreateInput.safeParse(input).success).toBe(true);
  });

  it('leaves an empty branding field out, and the branding when both are empty', () => {
    expect(teamInputFrom({ id: 'ops', name: 'Ops', logoUrl: '', colour: '#112233' })).toEqual({ id: 'ops', name: 'Ops', branding: { colour: '#112233' } });
    expect(teamInputFrom({ id: 'ops', name: 'Ops', logoUrl: ' ', colour: '' })).toEqual({ id: 'ops', name: 'Ops' });
  });

  it('opens a team as its fields, with none for what it has not', () => {
    expect(teamDraftOf({ id: 'ops', name: 'Ops', branding: null })).toEqual({ id: 'ops', name: 'Ops', logoUrl: '', colour: '' });
    expect(teamDraftOf()).toEqual({ id: '', name: '', logoUrl: '', colour: '' });
  });
});
