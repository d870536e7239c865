/** A metric widget before layout: its title, default statistic and metric lines as CloudWatch takes them. */
export interface MetricWidget {
  readonly title: string;
  readonly stat?: string;
  readonly metrics: readonly (readonly unknown[])[];
}

/** Every widget's period: five minutes, the finest the standard AWS metrics publish. */
export const PERIOD_SECONDS = 300;
const WIDTH = 8;
const HEIGHT = 6;

/** A dashboard body (JSON): the widgets in reading order, three per row on CloudWatch's 24-column grid. */
export function dashboardGridBody(widgets: readonly MetricWidget[], region: string): string {
  const perRow = 24 / WIDTH;
  return JSON.stringify({
    widgets: widgets.map((widget, index) => ({
      type: 'metric',
      x: (index % perRow) * WIDTH,
      y: Math.floor(index / perRow) * HEIGHT,
      width: WIDTH,
      height: HEIGHT,
      properties: {
        title: widget.title,
        region,
        view: 'timeSeries',
        period: PERIOD_SECONDS,
        ...(widget.stat ? { stat: widget.stat } : {}),
        metrics: widget.metrics,
      },
    })),
  });
}
