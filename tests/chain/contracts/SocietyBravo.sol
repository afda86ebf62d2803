// SPDX-License-Identifier: GPL-2.0-or-later
pragma solidity ^0.8.24;

interface IPastVotes {
    function getPastVotes(address account, uint256 timepoint) external view returns (uint256);
}

interface IMetadata {
    function name() external view returns (string memory);
    function symbol() external view returns (string memory);
    function decimals() external view returns (uint8);
}

/// @notice Compound's Comp read interface (getPriorVotes) over an ERC-5805 token, so a
/// GovernorBravo-shaped contract can count the society's votes.
contract BravoVotes {
    address public immutable token;

    constructor(address votesToken) {
        token = votesToken;
    }

    function getPriorVotes(address account, uint256 blockNumber) external view returns (uint96) {
        require(blockNumber < block.number, "Comp::getPriorVotes: not yet determined");
        return uint96(IPastVotes(token).getPastVotes(account, blockNumber));
    }

    function name() external view returns (string memory) {
        return IMetadata(token).name();
    }

    function symbol() external view returns (string memory) {
        return IMetadata(token).symbol();
    }

    function decimals() external view returns (uint8) {
        return IMetadata(token).decimals();
    }
}

/// @notice A Compound GovernorBravo-shaped Governor: the same read interface (proposals(id)
/// with Bravo's getter layout, getReceipt, quorumVotes, proposalCount, state), the same voting
/// calls and events, and no COUNTING_MODE, CLOCK_MODE or proposalSnapshot. Queuing sets an eta
/// without a separate timelock.
contract SocietyBravo {
    string public constant name = "Society Governor Bravo";
    uint256 public constant quorumVotes = 100e18;
    uint256 public constant proposalThreshold = 0;
    uint256 public constant GRACE_PERIOD = 14 days;
    uint256 public constant DELAY = 60;

    enum ProposalState { Pending, Active, Canceled, Defeated, Succeeded, Queued, Expired, Executed }

    struct Receipt {
        bool hasVoted;
        uint8 support;
        uint96 votes;
    }

    struct Proposal {
        uint256 id;
        address proposer;
        uint256 eta;
        address[] targets;
        uint256[] values;
        string[] signatures;
        bytes[] calldatas;
        uint256 startBlock;
        uint256 endBlock;
        uint256 forVotes;
        uint256 againstVotes;
        uint256 abstainVotes;
        bool canceled;
        bool executed;
        mapping(address => Receipt) receipts;
    }

    BravoVotes public comp;
    uint256 public votingDelay;
    uint256 public votingPeriod;
    uint256 public initialProposalId;
    uint256 public proposalCount;
    mapping(uint256 => Proposal) public proposals;

    event ProposalCreated(uint256 id, address proposer, address[] targets, uint256[] values, string[] signatures, bytes[] calldatas, uint256 startBlock, uint256 endBlock, string description);
    event VoteCast(address indexed voter, uint256 proposalId, uint8 support, uint256 votes, string reason);
    event ProposalCanceled(uint256 id);
    event ProposalQueued(uint256 id, uint256 eta);
    event ProposalExecuted(uint256 id);

    constructor(BravoVotes votes, uint256 delay, uint256 period) {
        comp = votes;
        votingDelay = delay;
        votingPeriod = period;
    }

    function propose(address[] memory targets, uint256[] memory values, string[] memory signatures, bytes[] memory calldatas, string memory description) public returns (uint256) {
        require(targets.length == values.length && targets.length == signatures.length && targets.length == calldatas.length, "GovernorBravo::propose: proposal function information arity mismatch");
        require(targets.length != 0, "GovernorBravo::propose: must provide actions");
        uint256 id = ++proposalCount;
        Proposal storage p = proposals[id];
        p.id = id;
        p.proposer = msg.sender;
        p.targets = targets;
        p.values = values;
        p.signatures = signatures;
        p.calldatas = calldatas;
        p.startBlock = block.number + votingDelay;
        p.endBlock = p.startBlock + votingPeriod;
        emit ProposalCreated(id, msg.sender, targets, values, signatures, calldatas, p.startBlock, p.endBlock, description);
        return id;
    }

    function state(uint256 proposalId) public view returns (ProposalState) {
        require(proposalCount >= proposalId && proposalId > initialProposalId, "GovernorBravo::state: invalid proposal id");
        Proposal storage p = proposals[proposalId];
        if (p.canceled) {
            return ProposalState.Canceled;
        } else if (block.number <= p.startBlock) {
            return ProposalState.Pending;
        } else if (block.number <= p.endBlock) {
            return ProposalState.Active;
        } else if (p.forVotes <= p.againstVotes || p.forVotes < quorumVotes) {
            return ProposalState.Defeated;
        } else if (p.eta == 0) {
            return ProposalState.Succeeded;
        } else if (p.executed) {
            return ProposalState.Executed;
        } else if (block.timestamp >= p.eta + GRACE_PERIOD) {
            return ProposalState.Expired;
        }
        return ProposalState.Queued;
    }

    function getReceipt(uint256 proposalId, address voter) external view returns (Receipt memory) {
        return proposals[proposalId].receipts[voter];
    }

    function castVote(uint256 proposalId, uint8 support) external {
        emit VoteCast(msg.sender, proposalId, support, castVoteInternal(msg.sender, proposalId, support), "");
    }

    function castVoteWithReason(uint256 proposalId, uint8 support, string calldata reason) external {
        emit VoteCast(msg.sender, proposalId, support, castVoteInternal(msg.sender, proposalId, support), reason);
    }

    function castVoteInternal(address voter, uint256 proposalId, uint8 support) internal returns (uint96) {
        require(state(proposalId) == ProposalState.Active, "GovernorBravo::castVoteInternal: voting is closed");
        require(support <= 2, "GovernorBravo::castVoteInternal: invalid vote type");
        Proposal storage p = proposals[proposalId];
        Receipt storage receipt = p.receipts[voter];
        require(receipt.hasVoted == false, "GovernorBravo::castVoteInternal: voter already voted");
        uint96 votes = comp.getPriorVotes(voter, p.startBlock);
        if (support == 0) {
            p.againstVotes += votes;
        } else if (support == 1) {
            p.forVotes += votes;
        } else {
            p.abstainVotes += votes;
        }
        receipt.hasVoted = true;
        receipt.support = support;
        receipt.votes = votes;
        return votes;
    }

    function queue(uint256 proposalId) external {
        require(state(proposalId) == ProposalState.Succeeded, "GovernorBravo::queue: proposal can only be queued if it is succeeded");
        uint256 eta = block.timestamp + DELAY;
        proposals[proposalId].eta = eta;
        emit ProposalQueued(proposalId, eta);
    }

    function execute(uint256 proposalId) external payable {
        require(state(proposalId) == ProposalState.Queued, "GovernorBravo::execute: proposal can only be executed if it is queued");
        Proposal storage p = proposals[proposalId];
        require(block.timestamp >= p.eta, "GovernorBravo::execute: transaction hasn't surpassed time lock");
        p.executed = true;
        for (uint256 i = 0; i < p.targets.length; i++) {
            bytes memory data = bytes(p.signatures[i]).length == 0
                ? p.calldatas[i]
                : abi.encodePacked(bytes4(keccak256(bytes(p.signatures[i]))), p.calldatas[i]);
            (bool ok, ) = p.targets[i].call{value: p.values[i]}(data);
            require(ok, "GovernorBravo::execute: transaction execution reverted");
        }
        emit ProposalExecuted(proposalId);
    }

    function cancel(uint256 proposalId) external {
        require(state(proposalId) != ProposalState.Executed, "GovernorBravo::cancel: cannot cancel executed proposal");
        require(msg.sender == proposals[proposalId].proposer, "GovernorBravo::cancel: only the proposer can cancel");
        proposals[proposalId].canceled = true;
        emit ProposalCanceled(proposalId);
    }
}
