import type { Page } from '@playwright/test';

/**
 * Each item of the control room's header as drawn: its box, and whether any text in it is cut
 * (clipped or ellipsed: wider or taller than the box that clips it). The headline figures count
 * one by one; a menu or list closed is just its button.
 */
export async function headerItems(page: Page) {
  const header = page.getByTestId('room-header');
  return header.evaluate((el) => {
    const items = [...el.children].flatMap((c) => (c.tagName === 'DL' ? [...c.children] : [c]));
    const cut = (item: Element) =>
      [item, ...item.querySelectorAll('*')]
        .filter((d) => {
          const s = getComputedStyle(d);
          // Not drawn, or drawn for screen readers only (clipped to a pixel on purpose).
          if (s.display === 'none' || s.visibility === 'hidden' || d.getBoundingClientRect().width <= 1) return false;
          const clips = s.overflowX !== 'visible' || s.textOverflow === 'ellipsis';
          return clips && (d.scrollWidth > d.clientWidth + 1 || d.scrollHeight > d.clientHeight + 1);
        })
        .map((d) => `${d.tagName.toLowerCase()}.${d.className}: "${(d.textContent ?? '').slice(0, 40)}"`);
    // The search field's placeholder, measured in the field's font against the room the field has for text.
    const input = el.querySelector('input[type="search"]') as HTMLInputElement;
    const s = getComputedStyle(input);
    const ctx = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
    ctx.font = s.font;
    const room = input.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    const placeholderCut = ctx.measureText(input.placeholder).width > room ? [`placeholder "${input.placeholder}"`] : [];
    return {
      placeholderCut,
      header: el.getBoundingClientRect().toJSON() as DOMRect,
      items: items.map((item) => ({
        name: item.getAttribute('data-testid') ?? item.tagName.toLowerCase(),
        box: item.getBoundingClientRect().toJSON() as DOMRect,
        cut: cut(item),
      })),
    };
  });
}

export const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
