import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const LESSON = '/lessons/mlp-backprop';

/** The first playground on the page, scrolled into view and ready to train. */
async function openPlayground(page: Page, query = ''): Promise<Locator> {
  await page.goto(`${LESSON}${query}`);
  const root = page.locator('[data-widget="mlp-playground"]').first();
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  return root;
}

const stepOf = async (root: Locator) => Number(await root.getAttribute('data-step'));
const lossOf = async (root: Locator) => Number(await root.getAttribute('data-loss'));
const epochOf = async (root: Locator) => Number(await root.locator('[data-epoch]').getAttribute('data-epoch'));

/** Trains until at least `minSteps` steps, then pauses. */
async function trainFor(root: Locator, minSteps: number) {
  await root.getByRole('button', { name: /Train$/ }).click();
  await expect(root).toHaveAttribute('data-state', 'training');
  await expect.poll(() => stepOf(root), { timeout: 90_000 }).toBeGreaterThanOrEqual(minSteps);
  await root.getByRole('button', { name: /Pause$/ }).click();
  await expect(root).toHaveAttribute('data-state', 'paused');
}

/** The mean loss over `count` single steps: one batch's loss is noisy, a few steps' mean is not. */
async function meanStepLoss(root: Locator, count: number) {
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const before = await stepOf(root);
    await root.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => stepOf(root)).toBe(before + 1);
    sum += await lossOf(root);
  }
  return sum / count;
}

test.describe('MLP playground', () => {
  test('starts like TensorFlow Playground and learns the circle: the loss falls and the epochs count up', async ({ page }) => {
    const root = await openPlayground(page);
    await expect(root.getByRole('radio', { name: 'Circle' })).toBeChecked();
    await expect(root.getByRole('button', { name: /Input feature x1: used/ })).toHaveAttribute('aria-pressed', 'true');
    await expect(root.getByRole('button', { name: /Input feature x1 squared: not used/ })).toHaveAttribute('aria-pressed', 'false');
    await expect(root.getByRole('group', { name: 'Hidden layer 1: 4 neurons' })).toBeVisible();
    await expect(root.getByRole('group', { name: 'Hidden layer 2: 2 neurons' })).toBeVisible();
    await expect(root.getByLabel('Learning rate')).toHaveValue('0.03');
    await expect(root.getByLabel('Batch size')).toHaveValue('10');
    const first = await meanStepLoss(root, 3);
    await trainFor(root, 2000);
    const last = await meanStepLoss(root, 3);
    expect(last).toBeLessThan(first * 0.7);
    expect(await epochOf(root)).toBeGreaterThan(50);
    await expect(root.locator('.mlp-epoch-value')).not.toHaveText('0');
    // The charts' text alternatives report what they drew.
    await expect(root.getByRole('img', { name: /The network's output over the plane.*orange on \d+ %, blue on \d+ %/ })).toBeVisible();
    await expect(root.locator('figcaption').first()).toContainText(/Training loss/);
  });

  test('data set, feature, layer and neuron controls change the network, and it still trains', async ({ page }) => {
    const root = await openPlayground(page);
    await root.getByText('Exclusive or').click();
    await expect(root.getByRole('radio', { name: 'Exclusive or' })).toBeChecked();
    await expect(root.getByLabel('Classes')).toBeDisabled();
    await root.getByRole('button', { name: /Input feature x1 times x2: not used/ }).click();
    await expect(root.getByRole('button', { name: /Input feature x1 times x2: used/ })).toHaveAttribute('aria-pressed', 'true');
    await root.getByRole('button', { name: 'Add a hidden layer' }).click();
    await expect(root.getByRole('group', { name: 'Hidden layer 3: 2 neurons' })).toBeVisible();
    await root.getByRole('button', { name: 'Add a neuron to hidden layer 3' }).click();
    await expect(root.getByRole('group', { name: 'Hidden layer 3: 3 neurons' })).toBeVisible();
    await root.getByRole('button', { name: 'Remove a neuron from hidden layer 1' }).click();
    await expect(root.getByRole('group', { name: 'Hidden layer 1: 3 neurons' })).toBeVisible();
    await expect(root.getByRole('button', { name: /^Hidden layer 3, neuron 3/ })).toBeVisible();
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    // The address follows the settings a moment later.
    await expect.poll(() => page.url()).toContain('mlp.layers=3-2-3');
    expect(page.url()).toContain('mlp.dataset=xor');
    const first = await meanStepLoss(root, 3);
    await trainFor(root, 1500);
    expect(await meanStepLoss(root, 3)).toBeLessThan(first);
  });

  test('a weight can be read and edited; training goes on from it', async ({ page }) => {
    const root = await openPlayground(page);
    await root.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(root).toHaveAttribute('data-step', '1');
    await root.getByRole('button', { name: /^Hidden layer 1, neuron 2/ }).click();
    const editor = root.getByRole('region', { name: 'Weights into hidden layer 1, neuron 2' });
    await expect(editor).toBeVisible();
    const weight = editor.getByLabel('from x₁');
    await expect(weight).toHaveValue(/^-?\d/);
    await weight.fill('1.75');
    await weight.press('Enter');
    await expect(weight).toHaveValue('1.75');
    await expect(root).toHaveAttribute('data-step', '1');
    // Typed nonsense is refused with a reason, and the weight stays.
    await weight.fill('heavy');
    await weight.press('Enter');
    await expect(editor.getByRole('alert')).toContainText('A weight must be a number between -50 and 50');
    await expect(weight).toHaveValue('1.75');
    await editor.getByLabel('bias').fill('-0.5');
    await editor.getByLabel('bias').press('Enter');
    await expect(editor.getByLabel('bias')).toHaveValue('-0.5');
    // One more step moves the edited weight a little from 1.75, not from where it was.
    await root.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(root).toHaveAttribute('data-step', '2');
    await expect.poll(async () => Math.abs(Number(await weight.inputValue()) - 1.75)).toBeLessThan(0.2);
    await editor.getByRole('button', { name: 'Close' }).click();
    await expect(editor).toBeHidden();
  });

  test('Copy link reproduces the configuration in a new page', async ({ page, context }) => {
    const root = await openPlayground(page);
    await root.getByText('Spiral').click();
    await root.getByLabel('Classes').selectOption('3');
    await root.getByRole('button', { name: /Input feature sine of x1: not used/ }).click();
    await root.getByRole('button', { name: 'Add a neuron to hidden layer 2' }).click();
    await root.getByLabel('Activation').selectOption('relu');
    await root.getByLabel('Optimizer').selectOption('adam');
    await root.getByLabel('Regularization', { exact: true }).selectOption('l2');
    await root.getByLabel('Regularization rate').fill('0.003');
    await root.getByLabel('Regularization rate').press('Enter');
    await root.getByLabel('Learning rate').fill('0.01');
    await root.getByLabel('Learning rate').press('Enter');
    await root.getByLabel('Noise').fill('20');
    await root.getByLabel('Show test data').check();
    await root.getByRole('button', { name: 'Copy link' }).click();
    const url = await root.getByLabel('Link to these settings').inputValue();
    expect(url).toContain('mlp.dataset=spiral');

    const copy = await context.newPage();
    await copy.goto(url);
    const restored = copy.locator('[data-widget="mlp-playground"]').first();
    await restored.scrollIntoViewIfNeeded();
    await expect(restored).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
    await expect(restored.getByRole('radio', { name: 'Spiral' })).toBeChecked();
    await expect(restored.getByLabel('Classes')).toHaveValue('3');
    await expect(restored.getByRole('button', { name: /Input feature sine of x1: used/ })).toBeVisible();
    await expect(restored.getByRole('group', { name: 'Hidden layer 2: 3 neurons' })).toBeVisible();
    await expect(restored.getByLabel('Activation')).toHaveValue('relu');
    await expect(restored.getByLabel('Optimizer')).toHaveValue('adam');
    await expect(restored.getByLabel('Regularization', { exact: true })).toHaveValue('l2');
    await expect(restored.getByLabel('Regularization rate')).toHaveValue('0.003');
    await expect(restored.getByLabel('Learning rate')).toHaveValue('0.01');
    await expect(restored.getByLabel('Noise')).toHaveValue('20');
    await expect(restored.getByLabel('Show test data')).toBeChecked();
    // Same data, same seed, same first step.
    await root.getByRole('button', { name: 'Step', exact: true }).click();
    await restored.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(root).toHaveAttribute('data-step', '1');
    await expect(restored).toHaveAttribute('data-step', '1');
    expect(await restored.getAttribute('data-loss')).toBe(await root.getAttribute('data-loss'));
  });

  test('three classes train with softmax: three output nodes, coloured by the winning class', async ({ page }) => {
    const root = await openPlayground(page, '?mlp.dataset=gauss&mlp.classes=3&mlp.noise=10');
    await expect(root.getByRole('button', { name: /^Output: class 1 \(orange\)/ })).toBeVisible();
    await expect(root.getByRole('button', { name: /^Output: class 3 \(green\)/ })).toBeVisible();
    // Softmax cross entropy starts near ln 3 ≈ 1.1 and falls.
    const first = await meanStepLoss(root, 3);
    expect(first).toBeGreaterThan(0.5);
    await trainFor(root, 600);
    expect(await meanStepLoss(root, 3)).toBeLessThan(first * 0.6);
    await expect(root.getByText(/Each colour is the winning class/)).toBeVisible();
    await expect(root.getByRole('img', { name: /orange on \d+ %, blue on \d+ %, green on \d+ %/ })).toBeVisible();
    await expect(root.getByText('Test accuracy')).toBeVisible();
  });

  test('drawing your own points, with the mouse and from the keyboard, and sharing them', async ({ page, context }) => {
    const root = await openPlayground(page);
    await root.getByText('Draw your own').click();
    await expect(root.getByText(/Draw some points/)).toBeVisible();
    const plot = root.getByRole('application');
    await root.getByText('Class 1', { exact: true }).click();
    await expect(root.getByRole('radio', { name: 'Class 1' })).toBeChecked();
    for (const [fx, fy] of [
      [0.2, 0.2],
      [0.25, 0.3],
      [0.3, 0.2],
    ]) {
      const box = await plot.boundingBox();
      await plot.click({ position: { x: fx * (box?.width ?? 300), y: fy * (box?.height ?? 300) } });
    }
    await expect(root.getByText('3 points drawn.', { exact: false })).toBeVisible();
    await root.getByText('Class 2', { exact: true }).click();
    await plot.focus();
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowUp', 'Enter', 'ArrowDown', 'ArrowDown', 'Enter', 'ArrowRight', 'Enter']) await plot.press(key);
    await expect(root.getByText('6 points drawn.', { exact: false })).toBeVisible();
    await plot.press('Backspace');
    await expect(root.getByText('5 points drawn.', { exact: false })).toBeVisible();
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await trainFor(root, 50);

    await root.getByRole('button', { name: 'Copy link' }).click();
    const url = await root.getByLabel('Link to these settings').inputValue();
    expect(url).toMatch(/mlp\.drawn=[A-Za-z0-9_-]{15}(&|#|$)/);
    const copy = await context.newPage();
    await copy.goto(url);
    const restored = copy.locator('[data-widget="mlp-playground"]').first();
    await restored.scrollIntoViewIfNeeded();
    await expect(restored.getByText('5 points drawn.', { exact: false })).toBeVisible({ timeout: 60_000 });
  });

  test('keyboard only: pick a data set, train, pause, and open a neuron’s weights', async ({ page }) => {
    const root = await openPlayground(page);
    await root.getByRole('radio', { name: 'Circle' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(root.getByRole('radio', { name: 'Exclusive or' })).toBeChecked();
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await root.getByRole('button', { name: /Train$/ }).focus();
    await page.keyboard.press('Enter');
    await expect(root).toHaveAttribute('data-state', 'training');
    await expect.poll(() => stepOf(root), { timeout: 60_000 }).toBeGreaterThan(20);
    await page.keyboard.press('Enter');
    await expect(root).toHaveAttribute('data-state', 'paused');
    const neuron = root.getByRole('button', { name: /^Hidden layer 2, neuron 1/ });
    await neuron.focus();
    await expect(root.locator('.mlp-preview')).toContainText('Hidden layer 2, neuron 1');
    await page.keyboard.press('Enter');
    const field = root.getByRole('region', { name: 'Weights into hidden layer 2, neuron 1' }).getByLabel('from layer 1, neuron 3');
    await field.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('-2');
    await page.keyboard.press('Enter');
    await expect(field).toHaveValue('-2');
    // A feature toggles from the keyboard too.
    await root.getByRole('button', { name: /Input feature x2 squared: not used/ }).focus();
    await page.keyboard.press('Space');
    await expect(root.getByRole('button', { name: /Input feature x2 squared: used/ })).toBeVisible();
  });

  test('a mangled link is explained and the defaults are used', async ({ page }) => {
    const root = await openPlayground(page, '?mlp.dataset=moons&mlp.layers=1-2-3-4-5-6-7&mlp.drawn=%21%21');
    await expect(root.getByText(/This link had settings that could not be used: Data set "moons"/)).toBeVisible();
    await expect(root.getByRole('radio', { name: 'Circle' })).toBeChecked();
    await expect(root.getByRole('group', { name: 'Hidden layer 2: 2 neurons' })).toBeVisible();
  });
});
