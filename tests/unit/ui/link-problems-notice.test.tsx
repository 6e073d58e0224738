// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LinkProblemsNotice } from '../../../src/ui/link-problems-notice';

afterEach(cleanup);

describe('LinkProblemsNotice', () => {
  it('names every problem of a mangled link and says the defaults are shown', () => {
    render(<LinkProblemsNotice problems={['seed "x" is not a number', 'rate 9 is above 1']} />);
    expect(screen.getByText(/This link had settings that could not be used: seed "x" is not a number; rate 9 is above 1\. Defaults are shown instead\./)).toBeTruthy();
  });

  it('renders nothing for a link without problems', () => {
    const { container } = render(<LinkProblemsNotice problems={[]} />);
    expect(container.innerHTML).toBe('');
  });
});
