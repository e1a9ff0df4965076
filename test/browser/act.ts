import { act } from 'react';

type ActFlag = { IS_REACT_ACT_ENVIRONMENT?: boolean };

/**
 * Runs `work` (a mount or an unmount) inside React's `act()`, with React's act environment on only
 * meanwhile. In Chromium the tests press keys and click through real browser events, which update
 * React outside `act()` as a customer's do; with the flag left on, React would warn about each of those
 * updates (Radix's Presence, the dialog's flow) although nothing is wrong.
 */
export async function inAct(work: () => void | Promise<void>): Promise<void> {
  const flag = globalThis as ActFlag;
  flag.IS_REACT_ACT_ENVIRONMENT = true;
  try {
    await act(async () => {
      await work();
    });
  } finally {
    flag.IS_REACT_ACT_ENVIRONMENT = false;
  }
}
