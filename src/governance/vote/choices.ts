/**
 * The choice controls of each voting type, and what they read: radio buttons (single-choice,
 * basic, Governor), checkboxes (approval), an ordering with up and down buttons (ranked-choice,
 * copeland), number inputs (weighted, quadratic). Choices are 1-based, as Snapshot counts them.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { SnapshotChoice } from './snapshot';
import type { VoteProposal } from './types';

type Kind = 'one' | 'many' | 'order' | 'weights';

function kind( type: string ): Kind {
	if ( type === 'approval' ) {
		return 'many';
	}
	if ( type === 'ranked-choice' || type === 'copeland' ) {
		return 'order';
	}
	if ( type === 'weighted' || type === 'quadratic' ) {
		return 'weights';
	}
	return 'one';
}

let counter = 0;

function legendText( type: Kind ): string {
	switch ( type ) {
		case 'many':
			return __( 'Your vote (pick any number)', 'sovereign-press' );
		case 'order':
			return __(
				'Your vote (rank every choice, best first)',
				'sovereign-press'
			);
		case 'weights':
			return __(
				'Your vote (share your power between choices)',
				'sovereign-press'
			);
		default:
			return __( 'Your vote', 'sovereign-press' );
	}
}

/**
 * An ordered list whose items move with up and down buttons; the order is read from the DOM.
 * @param labels
 * @param live   Where each move is announced.
 */
function orderList( labels: string[], live: HTMLElement ): HTMLOListElement {
	const list = document.createElement( 'ol' );
	list.className = 'sovereign-press-vote__order';
	labels.forEach( ( label, index ) => {
		const item = document.createElement( 'li' );
		item.dataset.choice = String( index + 1 );
		const text = document.createElement( 'span' );
		text.textContent = label;
		item.append( text );
		for ( const up of [ true, false ] ) {
			const button = document.createElement( 'button' );
			button.type = 'button';
			button.className = 'sovereign-press-vote__move';
			button.textContent = up ? '↑' : '↓';
			button.setAttribute(
				'aria-label',
				up
					? sprintf(
							/* translators: %s: a choice. */
							__( 'Move %s up', 'sovereign-press' ),
							label
						)
					: sprintf(
							/* translators: %s: a choice. */
							__( 'Move %s down', 'sovereign-press' ),
							label
						)
			);
			button.addEventListener( 'click', () => {
				const other = up
					? item.previousElementSibling
					: item.nextElementSibling;
				if ( ! other ) {
					return;
				}
				if ( up ) {
					other.before( item );
				} else {
					other.after( item );
				}
				button.focus();
				live.textContent = sprintf(
					/* translators: 1: a choice, 2: its rank. */
					__( '%1$s is now number %2$d.', 'sovereign-press' ),
					label,
					[ ...list.children ].indexOf( item ) + 1
				);
			} );
			item.append( button );
		}
		list.append( item );
	} );
	return list;
}

/**
 * The controls for the proposal's choices, in a fieldset with a legend.
 * @param proposal
 */
export function renderChoices( proposal: VoteProposal ): HTMLFieldSetElement {
	const type = kind( proposal.type );
	const fieldset = document.createElement( 'fieldset' );
	fieldset.className = 'sovereign-press-vote__choices';
	const legend = document.createElement( 'legend' );
	legend.textContent = legendText( type );
	fieldset.append( legend );
	if ( type === 'order' ) {
		// Where a move is announced to screen readers.
		const live = document.createElement( 'span' );
		live.className = 'sovereign-press-vote__announce';
		live.setAttribute( 'aria-live', 'polite' );
		fieldset.append( orderList( proposal.choices, live ), live );
		return fieldset;
	}
	const name = `sovereign-press-vote-${ ++counter }`;
	proposal.choices.forEach( ( label, index ) => {
		const row = document.createElement( 'label' );
		row.className = 'sovereign-press-vote__choice';
		const input = document.createElement( 'input' );
		input.name = name;
		input.dataset.choice = String( index + 1 );
		if ( type === 'weights' ) {
			input.type = 'number';
			input.min = '0';
			input.step = 'any';
			input.inputMode = 'decimal';
			row.append( document.createTextNode( label + ' ' ), input );
		} else {
			input.type = type === 'many' ? 'checkbox' : 'radio';
			row.append( input, document.createTextNode( ' ' + label ) );
		}
		fieldset.append( row );
	} );
	return fieldset;
}

/**
 * The choice the controls hold, or a sentence saying what is missing.
 * @param proposal
 * @param fieldset
 */
export function readChoice(
	proposal: VoteProposal,
	fieldset: HTMLFieldSetElement
): SnapshotChoice | string {
	const type = kind( proposal.type );
	if ( type === 'order' ) {
		return [ ...fieldset.querySelectorAll< HTMLElement >( 'li' ) ].map(
			( item ) => Number( item.dataset.choice )
		);
	}
	const inputs = [ ...fieldset.querySelectorAll( 'input' ) ];
	if ( type === 'weights' ) {
		const weights: Record< string, number > = {};
		for ( const input of inputs ) {
			const value = input.value.trim() === '' ? 0 : Number( input.value );
			if ( ! Number.isFinite( value ) || value < 0 ) {
				return __(
					'Weights must be numbers of 0 or more.',
					'sovereign-press'
				);
			}
			if ( value > 0 ) {
				weights[ input.dataset.choice ?? '' ] = value;
			}
		}
		return Object.keys( weights ).length > 0
			? weights
			: __(
					'Give at least one choice a weight above 0.',
					'sovereign-press'
				);
	}
	const picked = inputs
		.filter( ( input ) => input.checked )
		.map( ( input ) => Number( input.dataset.choice ) );
	if ( type === 'many' ) {
		return picked.length > 0
			? picked
			: __( 'Pick at least one choice.', 'sovereign-press' );
	}
	return picked[ 0 ] ?? __( 'Pick a choice.', 'sovereign-press' );
}

/**
 * A vote as a sentence fragment: "For"; "A, B"; "1. A, 2. B"; "A 2, B 1".
 * @param proposal
 * @param choice
 */
export function describeChoice(
	proposal: VoteProposal,
	choice: SnapshotChoice
): string {
	const label = ( index: number ) => proposal.choices[ index - 1 ] ?? '?';
	if ( typeof choice === 'number' ) {
		return label( choice );
	}
	if ( Array.isArray( choice ) ) {
		return kind( proposal.type ) === 'order'
			? choice
					.map( ( c, i ) => `${ i + 1 }. ${ label( c ) }` )
					.join( ', ' )
			: choice.map( label ).join( ', ' );
	}
	return Object.entries( choice )
		.map(
			( [ index, weight ] ) => `${ label( Number( index ) ) } ${ weight }`
		)
		.join( ', ' );
}
