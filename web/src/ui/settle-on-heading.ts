const USER_INPUT = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

/**
 * Once the smooth scroll just started towards `heading` ends, brings the heading into view at once
 * if it is not. A smooth scroll runs to the offset it was given when it began: when the page above
 * changes height meanwhile (a live update redrawing the booking, on a slow device where the scroll
 * takes long), it stops with the heading elsewhere, even off the screen. Only that scroll's end is
 * awaited: after the user's own input (wheel, touch, key, pointer), nothing is done.
 */
export function settleOnHeading(heading: HTMLElement): void {
  const stop = () => {
    removeEventListener('scrollend', settle);
    for (const type of USER_INPUT) removeEventListener(type, stop, true);
  };
  function settle() {
    stop();
    const box = heading.getBoundingClientRect();
    // A heading laid out on a fraction of a pixel rests up to a pixel past the edge: that is in view.
    if (box.top <= -1 || box.bottom >= innerHeight + 1) heading.scrollIntoView({ block: 'start', behavior: 'instant' });
  }
  addEventListener('scrollend', settle);
  for (const type of USER_INPUT) addEventListener(type, stop, { capture: true, passive: true });
}
