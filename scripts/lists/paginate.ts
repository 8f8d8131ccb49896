/** Splits a list into numbered pages at stable URLs: /base/, /base/page/2/, /base/page/3/… */
import { pageUrl } from "../input/urls.ts";

export interface PageLink {
  number: number;
  url: string;
}

export interface Page<T> {
  /** 1-based. */
  number: number;
  /** How many pages the list has (at least 1). */
  total: number;
  url: string;
  items: T[];
  previous: PageLink | null;
  next: PageLink | null;
}

/** « International – page 2 »; page 1 keeps the bare name. */
export function numberedTitle(name: string, number: number): string {
  return number <= 1 ? name : `${name} – page ${number}`;
}

/** Always at least one page, so an empty list still has its (empty) first page. */
export function paginate<T>(items: readonly T[], size: number, baseUrl: string): Page<T>[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`page size ${size} is not a positive integer`);
  const total = Math.max(1, Math.ceil(items.length / size));
  const link = (number: number): PageLink | null =>
    number >= 1 && number <= total ? { number, url: pageUrl(baseUrl, number) } : null;
  return Array.from({ length: total }, (_, index) => {
    const number = index + 1;
    return {
      number,
      total,
      url: pageUrl(baseUrl, number),
      items: items.slice(index * size, (index + 1) * size),
      previous: link(number - 1),
      next: link(number + 1),
    };
  });
}
