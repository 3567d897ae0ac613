/**
 * After a refused submit, focus goes to the first control marked `aria-invalid` (in page order),
 * so a keyboard or screen-reader user lands on what to fix and hears its label and message. A
 * marked group (a fieldset of checkboxes) hands focus to its first control.
 */
export function focusFirstInvalid(form: HTMLFormElement | undefined): void {
  const marked = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!marked) return;
  const target = marked instanceof HTMLFieldSetElement ? marked.querySelector<HTMLElement>('input, select, textarea, button') : marked;
  target?.focus();
}
