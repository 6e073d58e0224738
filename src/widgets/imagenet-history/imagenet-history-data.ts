/*
 * ILSVRC image-classification results, 2010–2017: the winning entry's top-5 error on the challenge's test set
 * each year, what changed that year, and where each figure comes from. The error is the share of test images
 * whose correct class is not among the entry's five guesses (1,000 classes). Where a team also submitted a
 * run trained with extra data, the figure here is the run that used only the challenge's training data,
 * as Russakovsky et al. (2015) report it; the other run is mentioned in `note`.
 */

/** One ILSVRC classification entry. */
export interface ImagenetEntry {
  /** Team name as the challenge listed it. */
  team: string;
  /** The network or method as it is usually called. */
  model: string;
  /** Top-5 error on the test set, in percent. */
  top5Error: number;
  /** Where the figure is stated. */
  source: string;
}

/** One year of the challenge. */
export interface ImagenetYear {
  year: number;
  winner: ImagenetEntry;
  /** The runner-up, where the lesson needs it (2014: VGG). */
  runnerUp?: ImagenetEntry;
  /** Short label of the idea that year, for the chart ("ReLU + dropout + GPUs"). */
  idea: string;
  /** Two or three sentences: what changed that year. */
  changed: string;
  /** Learned layers with weights, where the winner is a network (null for hand-designed pipelines, or an ensemble of mixed depths). */
  depth: number | null;
  /** Remarks on the figure (other runs, rounding). */
  note?: string;
}

const RUSSAKOVSKY =
  'Russakovsky et al., “ImageNet Large Scale Visual Recognition Challenge”, IJCV 115(3):211–252, 2015 (arXiv:1409.0575), winners of the classification task by year';

/** The winning classification entries, in year order. */
export const IMAGENET_YEARS: readonly ImagenetYear[] = [
  {
    year: 2010,
    winner: {
      team: 'NEC-UIUC',
      model: 'SIFT + LBP features, sparse coding, linear SVMs',
      top5Error: 28.2,
      source: `${RUSSAKOVSKY}; Lin et al., “Large-scale Image Classification: Fast Feature Extraction and SVM Training”, CVPR 2011 (71.8% top-5 hit rate, so 28.2% error)`,
    },
    idea: 'hand-made features',
    changed:
      'No neural network: hand-designed local descriptors (SIFT, LBP) are encoded against a learned codebook, pooled over the image, and classified by 1,000 linear SVMs trained on 1.2 million images.',
    depth: null,
  },
  {
    year: 2011,
    winner: {
      team: 'XRCE',
      model: 'Fisher vectors + linear SVMs',
      top5Error: 25.8,
      source: `${RUSSAKOVSKY}; Perronnin and Larlus, “Fisher Vectors Meet Neural Networks”, CVPR 2015, on the 2010–2011 leaders being Fisher-vector pipelines`,
    },
    idea: 'better feature encoding',
    changed:
      'Still hand-designed features: Fisher vectors (gradient statistics of SIFT and colour descriptors under a Gaussian mixture), compressed and fed to linear SVMs. A better encoding, the same two-stage design.',
    depth: null,
    note: 'Often quoted as “about 26 %”.',
  },
  {
    year: 2012,
    winner: {
      team: 'SuperVision',
      model: 'AlexNet',
      top5Error: 16.4,
      source:
        'ILSVRC2012 results page (image-net.org/challenges/LSVRC/2012/results.html): SuperVision 0.16422 using only the supplied training data, 0.15315 with extra ImageNet Fall 2011 data; Krizhevsky, Sutskever and Hinton, NeurIPS 2012',
    },
    idea: 'ReLU + dropout + GPUs',
    changed:
      'A CNN learns the features end to end: 8 learned layers (5 convolutional, 3 dense), about 60 million parameters, trained on two GPUs for about a week. ReLU instead of tanh, dropout in the dense layers, and data augmentation. The runner-up, a Fisher-vector pipeline, had 26.2 %.',
    depth: 8,
    note: '15.3 % with extra training data (the figure in the AlexNet paper).',
  },
  {
    year: 2013,
    winner: {
      team: 'Clarifai',
      model: 'ZFNet-style CNN (Zeiler & Fergus)',
      top5Error: 11.7,
      source: `ILSVRC2013 results (image-net.org/challenges/LSVRC/2013/results.php): Clarifai 0.117 without outside data, 0.112 with; ${RUSSAKOVSKY}`,
    },
    idea: 'tuned by looking inside',
    changed:
      'AlexNet’s design refined with visualizations of what each layer responds to: smaller first-layer filters (7×7, stride 2 instead of 11×11, stride 4) keep finer detail; several networks averaged.',
    depth: 8,
    note: '11.2 % with outside training data.',
  },
  {
    year: 2014,
    winner: {
      team: 'GoogLeNet',
      model: 'GoogLeNet (Inception v1)',
      top5Error: 6.7,
      source: `${RUSSAKOVSKY} (6.66 %); Szegedy et al., “Going Deeper with Convolutions”, CVPR 2015`,
    },
    runnerUp: {
      team: 'VGG',
      model: 'VGG (16–19 layers of 3×3)',
      top5Error: 7.3,
      source: `${RUSSAKOVSKY} (7.32 %); Simonyan and Zisserman, “Very Deep Convolutional Networks for Large-Scale Image Recognition”, ICLR 2015 (second place in classification)`,
    },
    idea: 'inception modules; VGG: 3×3 stacks',
    changed:
      'Much deeper networks. GoogLeNet (22 layers) runs 1×1, 3×3 and 5×5 convolutions side by side in “inception modules”, with 1×1 convolutions shrinking the channels first: 12× fewer parameters than AlexNet. Second, VGG: only 3×3 convolutions, stacked 16–19 layers deep.',
    depth: 22,
  },
  {
    year: 2015,
    winner: {
      team: 'MSRA',
      model: 'ResNet',
      top5Error: 3.57,
      source:
        'He, Zhang, Ren and Sun, “Deep Residual Learning for Image Recognition”, CVPR 2016 (arXiv:1512.03385): an ensemble achieves 3.57 % on the ImageNet test set, 1st in ILSVRC 2015',
    },
    idea: 'residual connections',
    changed:
      'Residual connections: each block adds its input to its output, y = x + F(x), so gradients pass straight through and 152-layer networks train (with batch normalization). The first winner below the 5.1 % of a trained human annotator.',
    depth: 152,
  },
  {
    year: 2016,
    winner: {
      team: 'Trimps-Soushen',
      model: 'ensemble of existing CNNs',
      top5Error: 2.99,
      source:
        'ILSVRC2016 results (image-net.org/challenges/LSVRC/2016/results); consistent with Hu et al., SENet (arXiv:1709.01507): 2.251 % is “a ∼25 % relative improvement over the winning entry of 2016”',
    },
    idea: 'ensembles of known designs',
    changed:
      'No new architecture: an ensemble of Inception, Inception-ResNet, ResNet and Wide ResNet models, with careful training and test-time averaging. Gains were getting small.',
    depth: null,
    note: 'The stored sources confirm this figure only indirectly (via SENet’s 25 % relative improvement).',
  },
  {
    year: 2017,
    winner: {
      team: 'WMW (Momenta / Oxford)',
      model: 'SENet',
      top5Error: 2.25,
      source:
        'Hu, Shen, Albanie, Sun and Wu, “Squeeze-and-Excitation Networks”, CVPR 2018 / TPAMI (arXiv:1709.01507): first place in ILSVRC 2017 classification with 2.251 % top-5 error',
    },
    idea: 'squeeze-and-excitation',
    changed:
      'Squeeze-and-excitation blocks: global average pooling summarizes each channel, a tiny two-layer network turns the summary into one gate per channel, and the channels are re-weighted. SE blocks were added to ResNeXt-style networks (SENet-154, 154 layers, in the winning ensemble). The last year of the challenge.',
    depth: 154,
  },
];

/** The often-quoted human top-5 error on ILSVRC (one trained annotator, 1,500 test images). */
export const HUMAN_TOP5_ERROR = {
  top5Error: 5.1,
  label: 'Trained human annotator',
  source:
    'Russakovsky et al. 2015, section 6.4 (human accuracy): the better of two trained annotators, 5.1 % on 1,500 test images; Karpathy, “What I learned from competing against a ConvNet on ImageNet” (2014): 76 mistakes in 1,500 ≈ 5.1 %',
} as const;
