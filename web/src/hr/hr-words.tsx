import { For, type JSX } from 'solid-js';
import type { HrMessageKey } from '@portal/shared/i18n/hr-messages';
import { Data, Formatted } from '../i18n/words';
import { ht } from './hr-language';
import { zoneNote } from './hr-time';

/** An HR catalogue message with elements in its placeholders (a name in <bdi>, a link), cut where the translation puts them. */
export function HrWords(props: { message: HrMessageKey; values: Record<string, string | number | JSX.Element> }) {
  return <Formatted format={(plain) => ht(props.message, plain)} values={props.values} />;
}

/** Text already in the console's words with someone's data inside it (`data`): each occurrence of the data marked as such. */
export function WithData(props: { text: string; data: readonly string[] }) {
  const parts = () => {
    const wanted = props.data.filter((d) => d !== '').sort((a, b) => b.length - a.length);
    if (wanted.length === 0) return [props.text];
    const pattern = new RegExp(`(${wanted.map((d) => d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`);
    return props.text.split(pattern).map((part, i) => (i % 2 === 1 ? <Data>{part}</Data> : part));
  };
  return <For each={parts()}>{(part) => part}</For>;
}

/** "Times in Central European Time (Europe/Berlin)", the zone's id marked as data. */
export function ZoneNote(props: { zone: string }) {
  return <WithData text={zoneNote(props.zone)} data={[props.zone.replaceAll('_', ' ')]} />;
}
