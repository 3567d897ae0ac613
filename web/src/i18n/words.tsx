import { For, type JSX } from 'solid-js';
import type { MessageKey } from '@portal/shared/i18n/messages';
import { t } from './page-language';

type Value = string | number | JSX.Element;

/** A marker no message or name contains, standing in for an element while the message is formatted. */
const MARK = '\u2063';

/**
 * A catalogue message with elements in its placeholders ("A confirmation was sent to {email}." with
 * the address in <strong>): the message is formatted with markers, then cut around them, so the
 * translation decides where each element goes.
 */
export function Words(props: { message: MessageKey; values: Record<string, Value> }) {
  return <Formatted format={(plain) => t(props.message, plain)} values={props.values} />;
}

/** Words' workings for any catalogue: `format` fills the message with the plain values and the markers. */
export function Formatted(props: { format: (values: Record<string, string | number>) => string; values: Record<string, Value> }) {
  const parts = () => {
    const elements: JSX.Element[] = [];
    const plain: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(props.values)) {
      if (typeof value === 'string' || typeof value === 'number') plain[name] = value;
      else plain[name] = `${MARK}${elements.push(value) - 1}${MARK}`;
    }
    return props.format(plain)
      .split(new RegExp(`${MARK}(\\d+)${MARK}`))
      .map((part, i) => (i % 2 === 1 ? elements[Number(part)] : part));
  };
  return <For each={parts()}>{(part) => part}</For>;
}

/**
 * Someone's data inside translated text (a name, an address, a position, a zone): isolated for
 * right-to-left pages and marked as not to be translated, by browsers and by the pseudo-locale check.
 */
export function Data(props: { children: JSX.Element }) {
  return <bdi translate="no">{props.children}</bdi>;
}
