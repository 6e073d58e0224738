/** Work in progress: replaced by the real widget in the next commit. */
export function ImagePerceptron(_props: { classA?: number; classB?: number; learningRate?: number }) {
  return null;
}
