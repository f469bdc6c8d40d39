import { type RefObject, useRef } from 'react';

/**
 * A ref that always holds the latest value: callbacks handed to AG Grid or the window keep one identity
 * (a new one would make the grid re-process its options) and still read the current props.
 */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}
