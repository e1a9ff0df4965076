import { render, screen } from '@testing-library/react';
import { version } from 'react';

describe('the React under test', () => {
  it('is the version this project pins (19 in "react", 18 in "react18")', () => {
    expect(version).toMatch(process.env.PALAUTE_REACT === '18' ? /^18\./ : /^19\./);
  });

  it('renders through testing-library with that same React', () => {
    render(<button type="button">React {version}</button>);
    expect(screen.getByRole('button')).toHaveTextContent(`React ${version}`);
  });
});
