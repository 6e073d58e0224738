import { expect, test } from './fixtures';

const LESSON = '/lessons/perceptron';

test.describe('activation gallery', () => {
  test('reads out f(x) and f′(x) for the chosen activation as the input moves', async ({ page }) => {
    await page.goto(LESSON);
    const root = page.locator('[data-widget="activation-gallery"]');
    await root.scrollIntoViewIfNeeded();
    await expect(root).toHaveAttribute('data-state', 'ready');
    await root.locator('label', { hasText: /^tanh$/ }).click();
    await expect(root.getByRole('radio', { name: 'tanh' })).toBeChecked();
    const slider = root.getByRole('slider', { name: /Input x/ });
    await slider.fill('0');
    await expect(root.getByTestId('readout-value')).toHaveText(/^[−-]?0(\.0+)?$/);
    await expect(root.getByTestId('readout-derivative')).toHaveText(/^1(\.0+)?$/);
    await expect(root.getByRole('group', { name: /Formulas for tanh/ }).locator('.katex')).toHaveCount(2);

    await root.locator('label', { hasText: /^Sigmoid$/ }).click();
    await expect(root.getByTestId('readout-value')).toHaveText(/^0\.50*$/);
    await expect(root.getByTestId('readout-derivative')).toHaveText(/^0\.250*$/);
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await expect(root.getByTestId('readout-input')).not.toHaveText(/^0(\.0+)?$/);
  });
});

test.describe('activation gallery share link', () => {
  test('opens as the link says, and the address follows every change', async ({ page }) => {
    await page.goto(`${LESSON}?activation.activation=relu&activation.input=2`);
    const root = page.locator('[data-widget="activation-gallery"]');
    await root.scrollIntoViewIfNeeded();
    await expect(root.getByRole('radio', { name: 'ReLU', exact: true })).toBeChecked();
    await expect(root.getByTestId('readout-input')).toHaveText('2.000');
    await root.locator('label', { hasText: /^tanh$/ }).click();
    await expect(page).toHaveURL(/activation\.activation=tanh/);
    await expect(page).toHaveURL(/activation\.input=2(&|$)/);
    await page.reload();
    await root.scrollIntoViewIfNeeded();
    await expect(root.getByRole('radio', { name: 'tanh' })).toBeChecked();
  });
});

test.describe('linear collapse', () => {
  test('two linear layers match one matrix until an activation is inserted', async ({ page }) => {
    await page.goto(LESSON);
    const root = page.locator('[data-widget="linear-collapse"]');
    await root.scrollIntoViewIfNeeded();
    const difference = root.getByTestId('max-difference');
    await expect(difference).toHaveText(/^0\.0+$/);
    await root.locator('label', { hasText: /^ReLU$/ }).click();
    await expect.poll(async () => Number((await difference.innerText()).replace('−', '-'))).toBeGreaterThan(0.01);
    await root.locator('label', { hasText: 'Nothing (linear)' }).click();
    await root.getByRole('button', { name: 'Randomize' }).click();
    await expect(difference).toHaveText(/^0\.0+$/);
  });

  test('garbage in a matrix entry gives a message and changes nothing', async ({ page }) => {
    await page.goto(LESSON);
    const root = page.locator('[data-widget="linear-collapse"]');
    await root.scrollIntoViewIfNeeded();
    const entry = root.getByLabel('W1 row 1, column 1', { exact: true });
    const before = await entry.inputValue();
    await entry.fill('seven');
    await entry.press('Enter');
    await expect(root.getByRole('alert')).toContainText(/W1 row 1, column 1 must be a number/);
    await entry.blur();
    await expect(entry).toHaveValue(before);
    await expect(root.getByTestId('max-difference')).toHaveText(/^0\.0+$/);
  });
});

test.describe('linear collapse share link', () => {
  test('opens with the linked activation and weights, and the address follows an edit', async ({ page }) => {
    const weights = '1,0,0,1,1,0.5,0,0,1,0,1,0,0,0';
    await page.goto(`${LESSON}?collapse.between=tanh&collapse.weights=${weights},1,-1,0`);
    const root = page.locator('[data-widget="linear-collapse"]');
    await root.scrollIntoViewIfNeeded();
    await expect(root.getByRole('radio', { name: 'tanh' })).toBeChecked();
    await expect(root.getByRole('textbox', { name: 'W1 row 3, column 2' })).toHaveValue('0.5');
    const entry = root.getByRole('textbox', { name: 'W1 row 1, column 1' });
    await entry.fill('-2');
    await entry.press('Enter');
    await expect(page).toHaveURL(/collapse\.weights=-2%2C0%2C0%2C1/);
  });
});
