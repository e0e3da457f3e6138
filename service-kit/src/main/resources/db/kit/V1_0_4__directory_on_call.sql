-- On-call shifts in the directory copy are looked up by group.
create index directory_entry_on_call_group on directory_entry ((payload ->> 'groupCode')) where kind = 'oncall';
