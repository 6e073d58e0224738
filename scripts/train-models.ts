#!/usr/bin/env -S npx jiti
/**
 * `npm run train:models`: trains the course's reference models from scratch, seeded, with the site's own engine
 * (TrainingSession on TF.js's WebAssembly backend, as the lessons train where there is no GPU), measures them on the
 * whole test split and writes them under public/models/<id>/ (model.json, weights.bin, metadata.json; format in
 * src/core/models/pretrained-model.ts). The outputs are committed; CI never retrains them, and
 * tests/unit/core/models/shipped-models.test.ts checks their accuracy again.
 *
 *   npm run train:models                      both models
 *   npm run train:models -- lenet5-mnist      one of them
 *   npm run train:models -- --epochs 1 --out .scratch/models   a quick trial elsewhere
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tf } from '../src/core/tf/tf-core.ts';
import { startWasmBackendInNode } from '../src/engine/wasm/start-wasm-backend-node.ts';
import { loadDatasetSplit, type DatasetName } from '../src/core/data/load-dataset.ts';
import { TrainingSession, type TrainingSessionConfig } from '../src/core/training/training-session.ts';
import { labelledImages } from '../src/core/data/labelled-images.ts';
import { countParameters, type NetworkSpec } from '../src/core/nn/network-spec.ts';
import { lenet5 } from '../src/core/nn/architectures/lenet5.ts';
import { fashionCnn } from '../src/core/nn/architectures/fashion-cnn.ts';
import { encodeModel, type PretrainedModelId, type PretrainedModelMetadata } from '../src/core/models/pretrained-model.ts';
import { evaluateAccuracy } from '../src/core/models/evaluate-model.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Recipe {
  id: PretrainedModelId;
  title: string;
  architecture: string;
  dataset: DatasetName;
  network: NetworkSpec;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
}

const RECIPES: Recipe[] = [
  {
    id: 'lenet5-mnist',
    title: 'LeNet-5 trained on MNIST',
    architecture: 'LeNet-5: conv 6@5×5 (same) → max-pool 2 → conv 16@5×5 → max-pool 2 → dense 120 → dense 84 → dense 10, ReLU',
    dataset: 'mnist',
    network: lenet5,
    epochs: 4,
    batchSize: 64,
    learningRate: 0.001,
    seed: 1,
  },
  {
    id: 'fashion-cnn',
    title: 'A small CNN trained on Fashion-MNIST',
    architecture: 'conv 16@3×3 → max-pool 2 → conv 32@3×3 → max-pool 2 → dense 64 → dense 10, ReLU, "same" padding',
    dataset: 'fashion-mnist',
    network: fashionCnn,
    epochs: 6,
    batchSize: 64,
    learningRate: 0.002,
    seed: 1,
  },
];

const fromDisk = async (url: string) => new Response(await readFile(join(root, 'public', url)));
const load = (name: DatasetName, split: 'train' | 'validation' | 'test') => loadDatasetSplit(name, split, { baseUrl: 'data/', fetchImpl: fromDisk });

async function train(recipe: Recipe, outRoot: string, epochsOverride: number | null) {
  const started = Date.now();
  const [trainSplit, validationSplit, testSplit] = await Promise.all([load(recipe.dataset, 'train'), load(recipe.dataset, 'validation'), load(recipe.dataset, 'test')]);
  const epochs = epochsOverride ?? recipe.epochs;
  const stepsPerEpoch = Math.floor(trainSplit.count / recipe.batchSize);
  const totalSteps = Math.max(1, Math.round(epochs * stepsPerEpoch));
  const config: TrainingSessionConfig = {
    network: recipe.network,
    loss: 'softmax-cross-entropy',
    learningRate: recipe.learningRate,
    batchSize: recipe.batchSize,
    seed: recipe.seed,
    recordEvery: 50,
    evaluateEvery: 0,
    optimizer: { kind: 'adam' },
    schedule: { kind: 'cosine', totalSteps, minLearningRate: recipe.learningRate / 20 },
  };
  const session = new TrainingSession(config, labelledImages(trainSplit), null);
  console.log(
    `${recipe.id}: ${countParameters(recipe.network).toLocaleString('en-US')} parameters, ${epochs} epochs × ${stepsPerEpoch} steps of ${recipe.batchSize} on ${tf.getBackend()}`,
  );
  try {
    for (let step = 0; step < totalSteps;) {
      const count = Math.min(200, totalSteps - step);
      session.runSteps(count);
      step += count;
      const progress = await session.collect();
      if (step % 1000 < count || step === totalSteps) {
        const seconds = (Date.now() - started) / 1000;
        console.log(
          `  step ${step}/${totalSteps} (epoch ${progress.epoch.toFixed(2)}): loss ${progress.latestLoss?.toFixed(4)}, ${((step * recipe.batchSize) / seconds).toFixed(0)} examples/s`,
        );
      }
    }
    const parameters = await session.exportParameters();
    const trainingSeconds = Math.round((Date.now() - started) / 1000);
    const validation = await evaluateAccuracy(recipe.network, parameters, validationSplit.images, validationSplit.labels, validationSplit.count);
    const test = await evaluateAccuracy(recipe.network, parameters, testSplit.images, testSplit.labels, testSplit.count);
    console.log(
      `  ${recipe.id}: validation ${(validation.accuracy * 100).toFixed(2)} %, test ${(test.accuracy * 100).toFixed(2)} % (${test.correct}/${test.count}) after ${trainingSeconds} s`,
    );
    const metadata: PretrainedModelMetadata = {
      id: recipe.id,
      title: recipe.title,
      architecture: recipe.architecture,
      parameterCount: countParameters(recipe.network),
      dataset: recipe.dataset,
      split: {
        train: trainSplit.count,
        validation: validationSplit.count,
        test: testSplit.count,
        note:
          recipe.dataset === 'mnist'
            ? 'Trained on the 54,000 training digits; validation: the 6,000 held out from the standard 60,000; test: the standard 10,000 MNIST test digits.'
            : "Trained on the course's 54,000 training images; validation: its 6,000; test: its 10,000 (1,000 per class), drawn per class with a fixed seed because the package does not keep the original split.",
      },
      epochs,
      batchSize: recipe.batchSize,
      optimizer: 'Adam (β₁ 0.9, β₂ 0.999), softmax cross entropy',
      learningRate: `${recipe.learningRate}, cosine decay to ${recipe.learningRate / 20} over ${totalSteps} steps`,
      seed: recipe.seed,
      testAccuracy: Number(test.accuracy.toFixed(4)),
      testCount: test.count,
      validationAccuracy: Number(validation.accuracy.toFixed(4)),
      trainedWith: `the course's engine (TrainingSession) on TF.js ${tf.version_core} ${tf.getBackend()} backend under Node ${process.version}`,
      trainingSeconds,
      date: new Date().toISOString().slice(0, 10),
    };
    const { modelJson, weights } = encodeModel(recipe.network, parameters);
    const folder = join(outRoot, recipe.id);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'model.json'), JSON.stringify(modelJson) + '\n');
    writeFileSync(join(folder, 'weights.bin'), weights);
    writeFileSync(join(folder, 'metadata.json'), JSON.stringify(metadata, null, 2) + '\n');
    console.log(`  wrote ${folder} (${(weights.byteLength / 1024).toFixed(0)} KiB of weights)`);
  } finally {
    session.dispose();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const at = args.indexOf(name);
    if (at < 0) return null;
    const value = args[at + 1];
    args.splice(at, 2);
    return value;
  };
  const epochs = flag('--epochs');
  const out = flag('--out') ?? join(root, 'public', 'models');
  const unknown = args.filter((id) => !RECIPES.some((recipe) => recipe.id === id));
  if (unknown.length) throw new Error(`unknown model ${unknown.join(', ')}; known: ${RECIPES.map((r) => r.id).join(', ')}`);
  await startWasmBackendInNode();
  for (const recipe of RECIPES.filter((r) => args.length === 0 || args.includes(r.id))) await train(recipe, resolve(out), epochs === null ? null : Number(epochs));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
