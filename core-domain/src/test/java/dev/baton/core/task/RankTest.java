package dev.baton.core.task;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RankTest {

    @Test
    void firstRankOfAnEmptyColumnIsValid() {
        assertThat(Rank.between(null, null)).isEqualTo(Rank.FIRST);
        assertThat(Rank.isValid(Rank.FIRST)).isTrue();
    }

    @Test
    void appendingTenThousandCardsKeepsRanksShortAndOrdered() {
        String last = null;
        for (int i = 0; i < 10_000; i++) {
            String next = Rank.between(last, null);
            if (last != null) {
                assertThat(next).isGreaterThan(last);
            }
            last = next;
        }
        assertThat(last).hasSize(6);
    }

    @Test
    void cardsAppendedAtTheSameMomentGetDistinctValidRanksAfterTheLastCard() {
        String last = Rank.between(Rank.FIRST, null);
        List<String> ranks = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ranks.add(Rank.appended(last, UUID.randomUUID().toString()));
        }

        assertThat(ranks).doesNotHaveDuplicates().allSatisfy(rank -> {
            assertThat(Rank.isValid(rank)).as(rank).isTrue();
            assertThat(rank).isGreaterThan(last).isLessThan(Rank.between(Rank.between(last, null), null));
        });
        String newest = ranks.stream().max(String::compareTo).orElseThrow();
        assertThat(Rank.appended(newest, "later")).isGreaterThan(newest);
    }

    @Test
    void aCardFitsBetweenTwoCardsAppendedAtTheSameMoment() {
        String a = Rank.appended(Rank.FIRST, "task-a");
        String b = Rank.appended(Rank.FIRST, "task-b");
        String low = a.compareTo(b) < 0 ? a : b;
        String high = a.compareTo(b) < 0 ? b : a;

        String moved = Rank.between(low, high);

        assertThat(moved).isGreaterThan(low).isLessThan(high);
        assertThat(Rank.isValid(moved)).isTrue();
    }

    @Test
    void anAppendedRankDependsOnlyOnTheLastRankAndTheSeed() {
        assertThat(Rank.appended(null, "task-1")).isEqualTo(Rank.appended(null, "task-1"))
                .startsWith(Rank.FIRST).isNotEqualTo(Rank.appended(null, "task-2"));
    }

    @Test
    void prependingKeepsOrder() {
        String first = Rank.FIRST;
        for (int i = 0; i < 1_000; i++) {
            String next = Rank.between(null, first);
            assertThat(next).isLessThan(first);
            first = next;
        }
    }

    @Test
    void randomInsertionsAlwaysLandStrictlyBetweenTheirNeighbours() {
        Random random = new Random(42);
        List<String> ranks = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            int position = random.nextInt(ranks.size() + 1);
            String before = position == 0 ? null : ranks.get(position - 1);
            String after = position == ranks.size() ? null : ranks.get(position);
            String rank = Rank.between(before, after);
            assertThat(Rank.isValid(rank)).as("rank %s", rank).isTrue();
            if (before != null) {
                assertThat(rank).isGreaterThan(before);
            }
            if (after != null) {
                assertThat(rank).isLessThan(after);
            }
            ranks.add(position, rank);
        }
    }

    @Test
    void repeatedInsertionBetweenTheSameNeighboursConverges() {
        String low = Rank.FIRST;
        String high = Rank.between(low, null);
        for (int i = 0; i < 200; i++) {
            String middle = Rank.between(low, high);
            assertThat(middle).isGreaterThan(low).isLessThan(high);
            high = middle;
        }
        assertThat(high.length()).isLessThan(60);
    }

    @Test
    void refusesNeighboursInTheWrongOrder() {
        String a = Rank.FIRST;
        String b = Rank.between(a, null);
        assertThatThrownBy(() -> Rank.between(b, a)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rank.between(a, a)).isInstanceOf(IllegalArgumentException.class);
    }
}
