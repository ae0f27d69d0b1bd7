package io.narrowcast.microbench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every benchmark here inherits (JMH annotations are inherited): time per operation in
 * nanoseconds, per-thread state, and a run short enough for a laptop instead of JMH's defaults of
 * five forks of 10-second iterations. The warm-up is 10 s because the JSON parsers are still being
 * compiled after 4 s on two busy cores. Command-line options ({@code -f}, {@code -wi}, {@code -i},
 * ...) override all of it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class BenchDefaults {
}
