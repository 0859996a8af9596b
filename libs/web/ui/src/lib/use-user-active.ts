import { useEffect, useState } from 'react';

const EVENTS = ['pointerdown', 'keydown', 'wheel', 'pointermove'] as const;

/**
 * True while the page is visible and the user has touched it within `idleMs`. Used to poll only
 * for someone who is there: polling an idle page would keep the session alive and defeat the
 * server's idle timeout.
 */
export function useUserActive(idleMs: number): boolean {
  const [active, setActive] = useState(true);

  useEffect(() => {
    let last = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => setActive(false), Math.max(0, last + idleMs - Date.now()));
    };
    const touch = () => {
      // Mouse moves come in bursts: note at most one per second.
      if (Date.now() - last < 1000 && timer) return;
      last = Date.now();
      if (document.visibilityState === 'visible') setActive(true);
      schedule();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') touch();
      else setActive(false);
    };
    schedule();
    for (const e of EVENTS) window.addEventListener(e, touch, { passive: true });
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      if (timer) clearTimeout(timer);
      for (const e of EVENTS) window.removeEventListener(e, touch);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [idleMs]);

  return active;
}
