import { Show, createResource } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { trpc, type InterviewerDraft } from '../../api/trpc';
import { detectTimeZone } from '../../time/time-zones';
import { Loaded } from '../loaded';
import { useIsAdmin } from '../session';
import { AvailabilityEditor } from './availability-editor';
import { CalendarConnection } from './calendar-connection';
import { ht } from '../hr-language';

const NEW_ID = 'new';

function blankInterviewer(): InterviewerDraft {
  const workday = [{ start: '09:00', end: '17:00' }];
  return {
    name: '',
    email: '',
    timezone: detectTimeZone(),
    weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, ranges: workday })),
    overrides: [],
    timeOff: [],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 15,
    maxPerDay: 4,
    active: true,
  };
}

/** /hr/interviewers/:interviewerId ("new" to add one). */
export default function InterviewerPage() {
  const isAdmin = useIsAdmin();
  const params = useParams();
  const id = () => params['interviewerId'] ?? NEW_ID;
  // The API has no single-interviewer read; the list is small and already what the console shows.
  const [found, { refetch }] = createResource(id, async (wanted) => {
    if (wanted === NEW_ID) return { draft: blankInterviewer() };
    const list = await trpc.hr.interviewers.list.query();
    const match = list.find((person) => person.id === wanted);
    return { draft: match ?? null };
  });

  return (
    <>
      <p>
        <A href="/hr/interviewers">{ht('hr.interviewer.back')}</A>
      </p>
      <Show
        when={isAdmin()}
        fallback={
          <>
            <h1>{ht('hr.interviewer.title')}</h1>
            <p class="empty">{ht('hr.interviewers.adminsOnly')}</p>
            <Show when={id() !== NEW_ID}>
              <CalendarConnection interviewerId={id()} isAdmin={false} />
            </Show>
          </>
        }
      >
        <Loaded resource={found} retry={() => void refetch()} what={ht('hr.interviewer.loading')} title={ht('hr.interviewer.title')} hideWhileLoading>
          {(current) => (
            <Show
              when={current().draft}
              keyed
              fallback={
                <>
                  <h1>{ht('hr.interviewer.notFound')}</h1>
                  <p class="empty">
                    {ht('hr.interviewer.noSuchId')} <A href="/hr/interviewers">{ht('hr.interviewer.backToList')}</A>
                  </p>
                </>
              }
            >
              {(draft) => (
                <>
                  <AvailabilityEditor initial={draft} />
                  <Show when={id() !== NEW_ID}>
                    <CalendarConnection interviewerId={id()} isAdmin={true} />
                  </Show>
                </>
              )}
            </Show>
          )}
        </Loaded>
      </Show>
    </>
  );
}
