import { Fieldset, NativeSelect, NumberInput, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../../components/page-loader';
import { ChallengeFormValues, NumberValue, VALUE_FUNCTIONS } from './challenge-form.values';
import { curvePoints } from './value-curve';

// uPlot comes with the chart's chunk, fetched when a dynamic value is previewed.
const ValueCurveChart = lazy(() => import('./value-curve.chart').then((m) => ({ default: m.ValueCurveChart })));

const SAMPLE_SOLVES = [1, 2, 5, 10, 20, 50, 100, 200];

type ValueFields = Pick<ChallengeFormValues, 'valueFunction' | 'value' | 'initial' | 'minimum' | 'decay'>;

interface Props {
  values: ValueFields;
  errors: Record<string, string>;
  onChange: (change: Partial<ValueFields>) => void;
}

const asNumber = (value: string | number): NumberValue => (value === '' ? '' : Number(value));
const orZero = (value: NumberValue) => (value === '' ? 0 : value);

/** The preview of a dynamic value: the curve, and the numbers at a few solve counts (what the chart shows, as text). */
function DecayPreview({ values }: { values: ValueFields }) {
  const { t } = useTranslation();
  const fn = values.valueFunction;
  const points = useMemo(
    () => curvePoints({ function: fn, value: orZero(values.value), initial: orZero(values.initial), minimum: orZero(values.minimum), decay: orZero(values.decay) }),
    [fn, values.value, values.initial, values.minimum, values.decay],
  );
  const floorAt = points.values.findIndex((value) => value === orZero(values.minimum));
  const samples = SAMPLE_SOLVES.filter((count) => count <= points.solves.length);
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500} id="value-curve-title">
        {t('ctfConsole.value.curveTitle')}
      </Text>
      <Suspense fallback={<PageLoader />}>
        <ValueCurveChart
          solves={points.solves}
          values={points.values}
          label={t('ctfConsole.value.curveLabel')}
          xLabel={t('ctfConsole.value.solvesAxis')}
          yLabel={t('ctfConsole.value.valueAxis')}
        />
      </Suspense>
      <Table aria-labelledby="value-curve-title" withTableBorder maw={320}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('ctfConsole.value.solvesAxis')}</Table.Th>
            <Table.Th scope="col">{t('ctfConsole.value.valueAxis')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {samples.map((count) => (
            <Table.Tr key={count}>
              <Table.Th scope="row">{count}</Table.Th>
              <Table.Td>{points.values[count - 1]}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed">
        {floorAt >= 0 ? t('ctfConsole.value.floorAt', { solves: floorAt + 1, value: orZero(values.minimum) }) : t('ctfConsole.value.floorLater')}{' '}
        {t('ctfConsole.value.previewNote')}
      </Text>
    </Stack>
  );
}

/** How the challenge is worth points: a fixed value, or one that decays with solves (previewed as a curve). */
export function ValueFieldset({ values, errors, onChange }: Props) {
  const { t } = useTranslation();
  const number = (field: 'value' | 'initial' | 'minimum' | 'decay', description?: string) => (
    <NumberInput
      label={t(`ctfConsole.value.${field}`)}
      description={description}
      value={values[field]}
      onChange={(value) => {
        const patch: Partial<ValueFields> = {};
        patch[field] = asNumber(value);
        onChange(patch);
      }}
      error={errors[field]}
      min={0}
      max={1_000_000}
      allowDecimal={false}
      allowNegative={false}
      required
    />
  );
  return (
    <Fieldset legend={t('ctfConsole.value.legend')}>
      <Stack gap="sm">
        <NativeSelect
          label={t('ctfConsole.value.function')}
          description={t(`ctfConsole.value.functionHint.${values.valueFunction}`)}
          value={values.valueFunction}
          onChange={(change) => onChange({ valueFunction: change.currentTarget.value as ValueFields['valueFunction'] })}
          data={VALUE_FUNCTIONS.map((fn) => ({ value: fn, label: t(`ctfConsole.value.functions.${fn}`) }))}
          error={errors.function ?? errors.type}
        />
        {values.valueFunction === 'static' ? (
          number('value')
        ) : (
          <>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {number('initial')}
              {number('minimum')}
              {number('decay', t(`ctfConsole.value.decayHint.${values.valueFunction}`))}
            </SimpleGrid>
            <DecayPreview values={values} />
          </>
        )}
      </Stack>
    </Fieldset>
  );
}
