import { createMetric, isMetricName, METRIC_NAMES, metricHigherIsBetter } from './metric-registry';
import { parsePredictionNumber } from './metric-values';
import { ScoringFailure } from './scoring-failure';

describe('metric registry', () => {
  it('should know the seven metrics of scoring.md and their direction', () => {
    expect(METRIC_NAMES.sort()).toEqual(['accuracy', 'log_loss', 'macro_f1', 'mae', 'map_at_k', 'rmse', 'roc_auc']);
    expect(METRIC_NAMES.filter(metricHigherIsBetter).sort()).toEqual(['accuracy', 'macro_f1', 'map_at_k', 'roc_auc']);
  });

  it('should refuse custom and unknown names as a programming error when asked for a metric', () => {
    expect(isMetricName('custom')).toBe(false);
    expect(isMetricName('__proto__')).toBe(false);
    expect(() => createMetric('custom')).toThrow(RangeError);
  });
});

describe('parsePredictionNumber', () => {
  it.each(['0', '-1', '+2.5', '.5', '5.', '1e3', '1E-3', '-0.0', ' 7 ', '1e-400'])('should accept %j', (text) => {
    expect(Number.isFinite(parsePredictionNumber(text, 1, 'a'))).toBe(true);
  });

  it.each(['NaN', 'nan', 'Inf', '-Infinity', '1e309', '', '  ', '0x10', '1_000', '1,5', '1.2.3', 'e5', '.', '--1', '١'])(
    'should refuse %j with a message naming the row and id',
    (text) => {
      expect(() => parsePredictionNumber(text, 17, 'a-17')).toThrow(ScoringFailure);
      expect(() => parsePredictionNumber(text, 17, 'a-17')).toThrow(`row 17 (id "a-17"): prediction ${JSON.stringify(text)} is not a finite number`);
    },
  );

  it('should cut a long prediction when quoting it back', () => {
    expect(() => parsePredictionNumber('x'.repeat(10_000), 1, 'a')).toThrow(`prediction "${'x'.repeat(64)}…" is not`);
  });
});
