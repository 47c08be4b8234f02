/** One page of a list; controllers send `total` as the `X-Total-Count` header. */
export interface Page<T> {
  items: T[];
  total: number;
}
