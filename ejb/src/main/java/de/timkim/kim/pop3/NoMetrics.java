package de.timkim.kim.pop3;

import java.time.Duration;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.reactivestreams.Publisher;

/** James' handlers report metrics; TIM-KIM does not collect them (yet). */
public final class NoMetrics implements MetricFactory {

  public static final NoMetrics INSTANCE = new NoMetrics();

  private NoMetrics() {}

  private static final Metric METRIC =
      new Metric() {
        @Override
        public void increment() {}

        @Override
        public void decrement() {}

        @Override
        public void add(int value) {}

        @Override
        public void remove(int value) {}

        @Override
        public long getCount() {
          return 0;
        }
      };

  @Override
  public Metric generate(String name) {
    return METRIC;
  }

  @Override
  public TimeMetric timer(String name) {
    return new TimeMetric() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ExecutionResult stopAndPublish() {
        return new ExecutionResult() {
          @Override
          public Duration elasped() {
            return Duration.ZERO;
          }

          @Override
          public ExecutionResult logWhenExceedP99(Duration threshold) {
            return this;
          }
        };
      }
    };
  }

  @Override
  public <T> Publisher<T> decoratePublisherWithTimerMetric(String name, Publisher<T> publisher) {
    return publisher;
  }

  @Override
  public <T> Publisher<T> decoratePublisherWithTimerMetricLogP99(
      String name, Publisher<T> publisher) {
    return publisher;
  }
}
