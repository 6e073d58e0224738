import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const LESSON = '/lessons/loss-functions';

/** Waits for the lazily loaded widget to replace its placeholder. */
async function openWidget(page: Page, id: string): Promise<Locator> {
  const root = page.locator(`[data-widget="${id}"]`);
  await root.scrollIntoViewIfNeeded();
  await expect(root).not.toHaveAttribute('data-state', 'loading', { timeout: 30_000 });
  await root.scrollIntoViewIfNeeded();
  return root;
}

/** A read-out as a number ("−0.25" → −0.25, "∞" → Infinity). */
async function readNumber(locator: Locator): Promise<number> {
  const text = (await locator.innerText()).trim().replace('−', '-');
  return text === '∞' ? Infinity : Number(text);
}

/** The three numbers of "H(P, Q) = H(P) + KL(P ‖ Q): a = b + c bits". */
async function identityNumbers(root: Locator, testId: string): Promise<number[]> {
  const text = await root.getByTestId(testId).innerText();
  const numbers = text.split(':')[1].match(/[−-]?\d+\.\d+|∞/g) ?? [];
  return numbers.map((value) => (value === '∞' ? Infinity : Number(value.replace('−', '-'))));
}

test.describe('distribution lab', () => {
  test('a bar edited by keyboard changes H and KL, and the identity holds in the text', async ({ page }) => {
    await page.goto(LESSON);
    const root = await openWidget(page, 'distribution-lab');
    await expect(root).toHaveAttribute('data-state', 'ready');
    // The starting pair shows KL's asymmetry: 1.26 bits one way, 0.81 the other.
    expect(await readNumber(root.getByTestId('kl-pq'))).toBeGreaterThan((await readNumber(root.getByTestId('kl-qp'))) + 0.3);
    const entropyBefore = await readNumber(root.getByTestId('entropy-p'));
    const klBefore = await readNumber(root.getByTestId('kl-pq'));
    const bar = root.getByRole('slider', { name: 'P(A)' });
    await bar.focus();
    await page.keyboard.press('PageDown');
    await page.keyboard.press('ArrowDown');
    await expect(bar).toHaveAttribute('aria-valuetext', '0.39');
    await expect(root.getByRole('textbox', { name: 'Type P(A)' })).toHaveValue('0.39');
    await expect.poll(() => readNumber(root.getByTestId('entropy-p'))).not.toBe(entropyBefore);
    await expect.poll(() => readNumber(root.getByTestId('kl-pq'))).not.toBe(klBefore);
    const [cross, entropy, kl] = await identityNumbers(root, 'identity-pq');
    expect(Math.abs(cross - (entropy + kl))).toBeLessThanOrEqual(0.0015);
    expect(cross).toBe(await readNumber(root.getByTestId('cross-pq')));
    // ArrowRight moves to the next bar.
    await page.keyboard.press('ArrowRight');
    await expect(root.getByRole('slider', { name: 'P(B)' })).toBeFocused();
  });

  test('KL is asymmetric on a preset, and Q = 0 where P > 0 gives ∞ with an explanation', async ({ page }) => {
    await page.goto(LESSON);
    const root = await openWidget(page, 'distribution-lab');
    await root.getByRole('button', { name: 'Classification' }).click();
    await expect(root.getByTestId('entropy-p')).toHaveText('0.000');
    await expect(root.getByTestId('kl-qp')).toHaveText('∞');
    const klPQ = await readNumber(root.getByTestId('kl-pq'));
    expect(Number.isFinite(klPQ)).toBe(true);
    expect(klPQ).toBeGreaterThan(0);
    await expect(root.getByTestId('cross-pq')).toHaveText(await root.getByTestId('kl-pq').innerText());

    await root.getByRole('button', { name: 'Near-identical' }).click();
    await expect.poll(() => readNumber(root.getByTestId('kl-pq'))).toBeLessThan(0.05);
    expect(await readNumber(root.getByTestId('kl-qp'))).toBeLessThan(0.05);

    const typed = root.getByRole('textbox', { name: 'Type Q(B)' });
    await typed.fill('0');
    await typed.press('Enter');
    await expect(root.getByTestId('kl-pq')).toHaveText('∞');
    await expect(root.getByTestId('cross-pq')).toHaveText('∞');
    await expect(root.getByTestId('infinity-note')).toContainText('Q gives B probability 0');
    const [cross, , kl] = await identityNumbers(root, 'identity-pq');
    expect(cross).toBe(Infinity);
    expect(kl).toBe(Infinity);

    await typed.fill('lots');
    await typed.press('Enter');
    await expect(root.getByRole('alert').filter({ hasText: 'Q(B) must be a number' })).toBeVisible();
  });

  test('a share link restores P, Q and the unit; a mangled one says so', async ({ page }) => {
    await page.goto(`${LESSON}?distributions.p=0.5,0.25,0.25,0&distributions.q=0.25,0.25,0.25,0.25&distributions.unit=nats`);
    const root = await openWidget(page, 'distribution-lab');
    await expect(root.getByRole('radio', { name: 'nats (ln)' })).toBeChecked();
    await expect(root.getByRole('slider', { name: 'P(D)' })).toHaveAttribute('aria-valuetext', '0');
    // H(0.5, 0.25, 0.25) = 1.5 bits = 1.5 ln 2 nats; H(P, uniform) = ln 4.
    await expect(root.getByTestId('entropy-p')).toHaveText((1.5 * Math.LN2).toFixed(3));
    await expect(root.getByTestId('cross-pq')).toHaveText(Math.log(4).toFixed(3));
    await root.locator('label.pill-choice', { hasText: 'bits (log₂)' }).click();
    await expect(root.getByTestId('entropy-p')).toHaveText('1.500');
    await root.getByRole('slider', { name: 'Q(A)' }).focus();
    await page.keyboard.press('ArrowUp');
    await expect(page).toHaveURL(/distributions\.q=0\.26%2C/);
    const link = page.url();
    const second = await page.context().newPage();
    await second.goto(link);
    const restored = await openWidget(second, 'distribution-lab');
    await expect(restored.getByRole('slider', { name: 'Q(A)' })).toHaveAttribute('aria-valuetext', '0.26');
    await expect(restored.getByTestId('entropy-p')).toHaveText('1.500');

    await page.goto(`${LESSON}?distributions.p=0.5,banana,0.25,0.25`);
    const mangled = await openWidget(page, 'distribution-lab');
    await expect(mangled.locator('.widget-notice')).toContainText('could not be used');
    await expect(mangled.getByTestId('entropy-p')).toHaveText('1.750');
  });
});

test.describe('multi-label vs softmax', () => {
  test('a target checkbox changes both losses; a gradient step lowers its own loss', async ({ page }) => {
    await page.goto(LESSON);
    const root = await openWidget(page, 'multi-label-vs-softmax');
    const softmaxLoss = root.getByTestId('softmax-loss');
    const sigmoidLoss = root.getByTestId('sigmoid-loss');
    await expect(root.getByTestId('softmax-sum')).toHaveText('1.000');
    await expect(root.getByTestId('sigmoid-decision')).toHaveText('cat, person, bicycle');
    const before = [await readNumber(softmaxLoss), await readNumber(sigmoidLoss)];
    await root.getByRole('checkbox', { name: 'bicycle is in the image' }).uncheck();
    await expect.poll(() => readNumber(softmaxLoss)).not.toBe(before[0]);
    await expect.poll(() => readNumber(sigmoidLoss)).not.toBe(before[1]);
    // Only cat and person now: the bicycle's term is −log(1 − σ(0.3)).
    await expect(root.getByTestId('sigmoid-term-4')).toHaveText(Math.log1p(Math.exp(0.3)).toFixed(3));

    const sigmoidBefore = await readNumber(sigmoidLoss);
    await root.getByRole('button', { name: 'Gradient step on soft margin' }).click();
    await expect.poll(() => readNumber(sigmoidLoss)).toBeLessThan(sigmoidBefore);
    const softmaxBefore = await readNumber(softmaxLoss);
    await root.getByRole('button', { name: 'Gradient step on cross entropy' }).click();
    await expect.poll(() => readNumber(softmaxLoss)).toBeLessThan(softmaxBefore);
    await expect(root.getByTestId('softmax-sum')).toHaveText('1.000');

    const slider = root.getByRole('slider', { name: 'Score for dog' });
    await slider.fill('5');
    await expect(root.getByTestId('softmax-decision')).toHaveText('dog');
  });

  test('a share link restores scores and targets', async ({ page }) => {
    await page.goto(`${LESSON}?multilabel.scores=0,0,0,0,0&multilabel.targets=11000&multilabel.softmaxTarget=first`);
    const root = await openWidget(page, 'multi-label-vs-softmax');
    await expect(root.getByRole('checkbox', { name: 'dog is in the image' })).toBeChecked();
    await expect(root.getByRole('checkbox', { name: 'person is in the image' })).not.toBeChecked();
    await expect(root.getByRole('radio', { name: 'Only the first present class' })).toBeChecked();
    // Zero scores: softmax 1/5 each, so the one-hot loss is ln 5; every sigmoid term is ln 2.
    await expect(root.getByTestId('softmax-loss')).toHaveText(Math.log(5).toFixed(3));
    await expect(root.getByTestId('sigmoid-loss')).toHaveText(Math.LN2.toFixed(3));
    await root.getByRole('checkbox', { name: 'car is in the image' }).check();
    await expect(page).toHaveURL(/multilabel\.targets=11010/);
  });
});

test.describe('regression fit', () => {
  test('dragging a point with the mouse and moving one by keyboard change the MSE', async ({ page }) => {
    await page.goto(LESSON);
    const root = await openWidget(page, 'regression-fit');
    const exactMse = root.getByTestId('exact-mse');
    const start = await readNumber(exactMse);
    const point = root.getByRole('button', { name: /^Point 1:/ });
    // Clear of the sticky site header.
    await point.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    // Widgets above this one may still be loading and change height: wait until the point stops moving,
    // or the press lands on empty plot (which adds a point) instead of on the point.
    let box = await point.boundingBox();
    await expect
      .poll(async () => {
        const previous = box;
        await page.waitForTimeout(250);
        box = await point.boundingBox();
        return previous !== null && box !== null && previous.x === box.x && previous.y === box.y;
      })
      .toBe(true);
    if (!box) throw new Error('point 1 has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2 + 120, { steps: 6 });
    await page.mouse.up();
    await expect.poll(() => readNumber(exactMse)).not.toBe(start);
    await expect(root.getByRole('button', { name: /^Point 1:/ })).not.toHaveAccessibleName('Point 1: x = −4.20, y = 3.80');

    const afterDrag = await readNumber(exactMse);
    const second = root.getByRole('button', { name: /^Point 2:/ });
    await second.focus();
    for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowUp');
    await expect(second).toHaveAccessibleName('Point 2: x = −3.10, y = 2.30');
    await expect.poll(() => readNumber(exactMse)).not.toBe(afterDrag);
    await page.keyboard.press('Delete');
    await expect(root.getByRole('button', { name: /^Point \d+:/ })).toHaveCount(7);
    await expect(root.getByTestId('mse-formula')).toContainText('(1/7)');
  });

  test('gradient descent brings its MSE close to the exact least-squares MSE', async ({ page }) => {
    await page.goto(LESSON);
    const root = await openWidget(page, 'regression-fit');
    await expect(root).toHaveAttribute('data-state', 'ready');
    const exact = await readNumber(root.getByTestId('exact-mse'));
    const startLoss = Number(await root.getAttribute('data-loss'));
    await root.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(root).toHaveAttribute('data-state', 'training');
    await expect.poll(async () => Number(await root.getAttribute('data-step')), { timeout: 60_000 }).toBeGreaterThan(600);
    await root.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(root).toHaveAttribute('data-state', 'paused');
    const loss = Number(await root.getAttribute('data-loss'));
    expect(loss).toBeLessThan(startLoss);
    expect(loss - exact).toBeLessThan(1e-3);
    expect(loss).toBeGreaterThanOrEqual(exact - 1e-9);
    await root.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect(root).toHaveAttribute('data-state', 'ready');
    await expect(root).toHaveAttribute('data-step', '0');
  });

  test('too large a learning rate diverges and says so', async ({ page }) => {
    await page.goto(`${LESSON}?regression.learningRate=5`);
    const root = await openWidget(page, 'regression-fit');
    await root.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(root).toHaveAttribute('data-state', 'diverged', { timeout: 30_000 });
    await expect(root.getByRole('alert')).toContainText('diverged');
    await expect(root.getByRole('button', { name: 'Step', exact: true })).toBeDisabled();
  });

  test('a share link restores points, degree and learning rate, and warns at interpolation', async ({ page }) => {
    await page.goto(LESSON);
    const root = await openWidget(page, 'regression-fit');
    await root.locator('label.pill-choice', { hasText: /^2$/ }).click();
    await root.getByRole('button', { name: /^Point 3:/ }).focus();
    await page.keyboard.press('Shift+ArrowDown');
    await expect(page).toHaveURL(/regression\.degree=2/);
    await expect(page).toHaveURL(/regression\.points=.*-2%2C-0\.3/);
    const mse = await root.getByTestId('exact-mse').innerText();
    const other = await page.context().newPage();
    await other.goto(page.url());
    const restored = await openWidget(other, 'regression-fit');
    await expect(restored.getByRole('radio', { name: '2', exact: true })).toBeChecked();
    await expect(restored.getByRole('button', { name: /^Point 3:/ })).toHaveAccessibleName('Point 3: x = −2.00, y = −0.30');
    await expect(restored.getByTestId('exact-mse')).toHaveText(mse);

    await page.goto(`${LESSON}?regression.points=-3,1;0,-1;3,2&regression.degree=4&regression.learningRate=0.05`);
    const few = await openWidget(page, 'regression-fit');
    await expect(few.getByTestId('interpolation-warning')).toContainText('Degree 4 with 3 points');
    await expect(few.getByTestId('exact-mse')).toHaveText('0.000');
    await expect(few.getByRole('textbox', { name: 'Learning rate' })).toHaveValue('0.05');

    await page.goto(`${LESSON}?regression.points=nonsense&regression.degree=9`);
    const mangled = await openWidget(page, 'regression-fit');
    await expect(mangled.locator('.widget-notice').first()).toContainText('could not be used');
    await expect(mangled.getByRole('radio', { name: '6', exact: true })).toBeChecked();
  });
});
