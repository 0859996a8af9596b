import { useCallback, useEffect, useRef } from 'react';
import { App } from 'antd';
import { useBlocker } from 'react-router';

/**
 * Warns before unsaved input is lost: a route change inside the app (a menu, a link, 返回, the
 * browser's back button) asks first, and closing or reloading the tab gets the browser's own
 * "leave site?" prompt. `clear()` lets a navigation the page starts itself right after saving
 * through (the state update that clears `dirty` lands one render later).
 */
export function useLeaveGuard(dirty: boolean, message: string): { clear: () => void } {
  const { modal } = App.useApp();
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirtyRef.current &&
      (currentLocation.pathname !== nextLocation.pathname ||
        currentLocation.search !== nextLocation.search),
  );

  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: '离开此页？',
      content: message,
      okText: '离开',
      okButtonProps: { danger: true },
      cancelText: '留在此页',
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, message]);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  return {
    clear: useCallback(() => {
      dirtyRef.current = false;
    }, []),
  };
}
