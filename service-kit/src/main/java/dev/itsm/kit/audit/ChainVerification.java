package dev.itsm.kit.audit;

/**
 * The result of checking one record's audit chain.
 *
 * @param entries        how many entries the chain holds
 * @param intact         true when every entry's hash matches its content and links to the entry before it
 * @param firstBrokenLink the first entry where the chain breaks, with the reason; null when intact
 * @param lastHash       the hash of the last entry (to compare with a copy kept elsewhere)
 */
public record ChainVerification(String recordType, String recordId, int entries, boolean intact, BrokenLink firstBrokenLink,
                                String lastHash) {

    public record BrokenLink(int seq, String reason) {
    }
}
