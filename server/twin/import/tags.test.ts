import { describe, expect, it } from 'vitest';
import { classify, directionOf, lanesOf, nameOf, parseMaxspeed, speedOf } from './tags';

describe('OSM tags as road attributes', () => {
  it('maps drivable highway classes and their links onto the twin’s road classes', () => {
    expect(classify({ highway: 'motorway' })).toEqual({ roadClass: 'motorway' });
    expect(classify({ highway: 'trunk_link' })).toEqual({ roadClass: 'motorway' });
    expect(classify({ highway: 'primary_link' })).toEqual({ roadClass: 'primary' });
    expect(classify({ highway: 'secondary' })).toEqual({ roadClass: 'secondary' });
    expect(classify({ highway: 'tertiary' })).toEqual({ roadClass: 'tertiary' });
    for (const h of ['residential', 'unclassified', 'living_street']) expect(classify({ highway: h })).toEqual({ roadClass: 'residential' });
  });

  it('drops roads not for general traffic, naming why', () => {
    for (const h of ['footway', 'cycleway', 'path', 'service', 'steps', 'track', 'pedestrian', 'construction']) expect(classify({ highway: h })).toEqual({ dropped: h });
    expect(classify({ highway: 'residential', access: 'private' })).toEqual({ dropped: 'residential (access=private)' });
    expect(classify({ highway: 'primary', area: 'yes' })).toEqual({ dropped: 'primary (area=yes)' });
  });

  it('reads oneway in all its spellings, and implies it on roundabouts and motorways', () => {
    for (const v of ['yes', '1', 'true', 'YES']) expect(directionOf({ highway: 'residential', oneway: v })).toBe('forward');
    expect(directionOf({ highway: 'residential', oneway: '-1' })).toBe('backward');
    expect(directionOf({ highway: 'residential', oneway: 'no' })).toBe('both');
    expect(directionOf({ highway: 'residential' })).toBe('both');
    expect(directionOf({ highway: 'primary', junction: 'roundabout' })).toBe('forward');
    expect(directionOf({ highway: 'motorway' })).toBe('forward');
    expect(directionOf({ highway: 'motorway', oneway: 'no' })).toBe('both');
    expect(directionOf({ highway: 'secondary', oneway: 'reversible' })).toBe('both');
  });

  it('splits a two-way road’s lanes between directions and keeps a one-way road’s whole', () => {
    expect(lanesOf({ highway: 'primary', lanes: '4' }, 'both')).toEqual({ forward: 2, backward: 2, defaulted: false });
    expect(lanesOf({ highway: 'primary', lanes: '3' }, 'both')).toEqual({ forward: 2, backward: 1, defaulted: false });
    expect(lanesOf({ highway: 'primary', lanes: '1' }, 'both')).toEqual({ forward: 1, backward: 1, defaulted: false });
    expect(lanesOf({ highway: 'primary', lanes: '3' }, 'forward').forward).toBe(3);
    expect(lanesOf({ highway: 'primary', lanes: '3', 'lanes:forward': '1' }, 'both')).toEqual({ forward: 1, backward: 2, defaulted: false });
  });

  it('falls back to the class default for missing or unusable lane counts', () => {
    expect(lanesOf({ highway: 'motorway' }, 'forward')).toEqual({ forward: 2, backward: 2, defaulted: true });
    expect(lanesOf({ highway: 'residential', lanes: 'many' }, 'both')).toEqual({ forward: 1, backward: 1, defaulted: true });
    expect(lanesOf({ highway: 'residential', lanes: '0' }, 'both').defaulted).toBe(true);
    expect(lanesOf({ highway: 'primary', lanes: '40' }, 'forward').forward).toBe(8);
  });

  it('parses maxspeed numbers, units and implicit zone limits', () => {
    expect(parseMaxspeed('50')).toBe(50);
    expect(parseMaxspeed('30 mph')).toBe(48.3);
    expect(parseMaxspeed('50 km/h')).toBe(50);
    expect(parseMaxspeed('RU:urban')).toBe(60);
    expect(parseMaxspeed('FR:urban')).toBe(50);
    expect(parseMaxspeed('FR:rural')).toBe(80);
    expect(parseMaxspeed('DE:zone30')).toBe(30);
    expect(parseMaxspeed('GB:nsl_single')).toBe(96.6);
    expect(parseMaxspeed('walk')).toBe(7);
    expect(parseMaxspeed('none')).toBe(130);
    expect(parseMaxspeed('50;30')).toBe(50);
  });

  it('gives no speed for values that are not a limit', () => {
    for (const v of [undefined, '', 'signals', 'variable', 'fast', '0', '-20']) expect(parseMaxspeed(v)).toBeNull();
  });

  it('uses per-direction limits, then the class default', () => {
    expect(speedOf({ highway: 'primary', maxspeed: '70', 'maxspeed:backward': '50' })).toEqual({ forward: 70, backward: 50, defaulted: false });
    expect(speedOf({ highway: 'residential', 'maxspeed:type': 'DE:urban' })).toEqual({ forward: 50, backward: 50, defaulted: false });
    expect(speedOf({ highway: 'residential' })).toEqual({ forward: 30, backward: 30, defaulted: true });
    expect(speedOf({ highway: 'motorway', maxspeed: 'signals' })).toEqual({ forward: 110, backward: 110, defaulted: true });
  });

  it('names a road by its name, else its ref, else its kind', () => {
    expect(nameOf({ highway: 'primary', name: ' Boulevard Albert 1er ' })).toEqual({ name: 'Boulevard Albert 1er', defaulted: false });
    expect(nameOf({ highway: 'primary', ref: 'CG-1' })).toEqual({ name: 'CG-1', defaulted: false });
    expect(nameOf({ highway: 'residential' })).toEqual({ name: 'Unnamed residential road', defaulted: true });
    expect(nameOf({ highway: 'motorway_link' })).toEqual({ name: 'Unnamed motorway link', defaulted: true });
    expect(nameOf({ highway: 'living_street' })).toEqual({ name: 'Unnamed living street', defaulted: true });
  });
});
