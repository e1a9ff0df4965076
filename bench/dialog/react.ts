// The host's React, a second entry of each React page's build in `bench/dialog.bench.mjs`: the chunk
// it shares with the page is React alone, counted apart from the page's own JS.
import * as React from 'react';
import * as jsx from 'react/jsx-runtime';
import * as client from 'react-dom/client';

export { client, jsx, React };
