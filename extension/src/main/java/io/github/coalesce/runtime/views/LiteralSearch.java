package io.github.coalesce.runtime.views;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds which of many literals occur in a text, ignoring ASCII case, in one pass over the text: an Aho-Corasick
 * automaton compiled into a table of transitions, one lookup per character however many literals there are.
 * <p>
 * Only the first {@link #PREFIX} characters of each literal are in the automaton, which keeps the table small (a few
 * thousand states instead of one per character of every literal); where such a prefix ends, the literals that start
 * with it are compared in full. A character outside ASCII matches nothing: the literals are printable ASCII.
 */
final class LiteralSearch {

    /** What the search does with a literal found in full, at {@code start}; {@code true} ends the search. */
    @FunctionalInterface
    interface Found {
        /**
         * @param literal the index of the literal in the list the search was built from
         * @param start where it starts in the text
         * @return whether to stop searching
         */
        boolean stop(int literal, int start);
    }

    /** How many leading characters of a literal the automaton holds; the rest is compared on a hit. */
    static final int PREFIX = 5;

    private final String[] literals;
    /** ASCII character → its class (upper and lower case share one); 0 for characters in no literal. */
    private final byte[] classOf = new byte[128];
    private final int classes;
    /** state × classes + class → next state. */
    private final char[] next;
    /** Per state, the literals whose prefix ends there (also through the failure links), or null. */
    private final int[][] endingHere;

    /** @param literals printable ASCII, not empty; letters are matched regardless of ASCII case */
    LiteralSearch(List<String> literals) {
        this.literals = literals.stream().map(LiteralSearch::lowerAscii).toArray(String[]::new);
        int count = 1;
        for (String literal : this.literals) {
            if (literal.isEmpty() || !literal.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("not a printable ASCII literal: '" + literal + "'");
            }
            for (char c : literal.toCharArray()) {
                if (classOf[c] == 0) {
                    classOf[c] = (byte) count++;
                }
            }
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            classOf[c] = classOf[c + ('a' - 'A')];
        }
        classes = count;
        // The trie of the prefixes, then the failure links breadth first, which complete the transitions.
        List<int[]> children = new ArrayList<>();
        List<List<Integer>> outputs = new ArrayList<>();
        children.add(new int[classes]);
        outputs.add(new ArrayList<>());
        for (int i = 0; i < this.literals.length; i++) {
            String literal = this.literals[i];
            int state = 0;
            for (int at = 0; at < Math.min(PREFIX, literal.length()); at++) {
                int symbol = classOf[literal.charAt(at)];
                if (children.get(state)[symbol] == 0) {
                    children.get(state)[symbol] = children.size();
                    children.add(new int[classes]);
                    outputs.add(new ArrayList<>());
                }
                state = children.get(state)[symbol];
            }
            outputs.get(state).add(i);
        }
        if (children.size() > Character.MAX_VALUE) {
            throw new IllegalArgumentException("too many literals: " + children.size() + " states");
        }
        // States numbered breadth first: the rows of the shallow states, where a text that is no crawler's spends
        // nearly all its steps, are then side by side at the start of the table.
        int[] rank = new int[children.size()];
        int[] byRank = new int[children.size()];
        int ranked = 1;
        for (int at = 0; at < ranked; at++) {
            for (int child : children.get(byRank[at])) {
                if (child != 0) {
                    rank[child] = ranked;
                    byRank[ranked++] = child;
                }
            }
        }
        next = new char[children.size() * classes];
        endingHere = new int[children.size()][];
        int[] failure = new int[children.size()];
        for (int state : byRank) { // breadth first: a state's failure is complete before its children need it
            int row = rank[state];
            List<Integer> ending = new ArrayList<>(outputs.get(state));
            if (row != 0 && endingHere[failure[row]] != null) {
                Arrays.stream(endingHere[failure[row]]).forEach(ending::add);
            }
            endingHere[row] = ending.isEmpty() ? null : ending.stream().mapToInt(Integer::intValue).toArray();
            for (int symbol = 1; symbol < classes; symbol++) {
                int child = children.get(state)[symbol];
                int viaFailure = row == 0 ? 0 : next[failure[row] * classes + symbol];
                if (child == 0) {
                    next[row * classes + symbol] = (char) viaFailure;
                } else {
                    failure[rank[child]] = viaFailure;
                    next[row * classes + symbol] = (char) rank[child];
                }
            }
        }
    }

    /**
     * Reports every literal found in {@code text}, in the order their prefixes end, until {@code found} says stop.
     *
     * @param text the text to search
     * @param found told of each literal found in full
     * @return whether {@code found} stopped the search
     */
    boolean search(String text, Found found) {
        int state = 0;
        for (int at = 0, length = text.length(); at < length; at++) {
            char c = text.charAt(at);
            state = next[state * classes + (c < 128 ? classOf[c] : 0)];
            int[] ending = endingHere[state];
            if (ending != null && reportEnding(text, at, ending, found)) {
                return true;
            }
        }
        return false;
    }

    /** The literals whose prefix ends at {@code end}: compared in full, as the automaton holds only their start. */
    private boolean reportEnding(String text, int end, int[] ending, Found found) {
        for (int literal : ending) {
            String candidate = literals[literal];
            int start = end + 1 - Math.min(PREFIX, candidate.length());
            if (matchesAt(text, start, candidate) && found.stop(literal, start)) {
                return true;
            }
        }
        return false;
    }

    /** @return the number of states of the automaton (its table has this many rows) */
    int states() {
        return endingHere.length;
    }

    private static boolean matchesAt(String text, int start, String lowerLiteral) {
        if (start + lowerLiteral.length() > text.length()) {
            return false;
        }
        for (int i = PREFIX; i < lowerLiteral.length(); i++) { // the prefix matched already
            if (lowerAscii(text.charAt(start + i)) != lowerLiteral.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    static String lowerAscii(String text) {
        StringBuilder lower = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            lower.append(lowerAscii(text.charAt(i)));
        }
        return lower.toString();
    }
}
