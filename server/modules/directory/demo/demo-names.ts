// Common names of pupils born around 2012–2015 and of their parents, from the lists INSEE
// publishes; enough of them that the demo directory does not look generated.

export const GIRLS = [
  'Léa', 'Emma', 'Chloé', 'Manon', 'Camille', 'Inès', 'Jade', 'Louise', 'Zoé', 'Lina', 'Alice', 'Sarah',
  'Juliette', 'Lola', 'Anaïs', 'Clara', 'Maëlys', 'Lucie', 'Romane', 'Ambre', 'Rose', 'Anna', 'Mila', 'Nina',
  'Eva', 'Margaux', 'Léna', 'Jeanne', 'Agathe', 'Victoire', 'Salomé', 'Noémie', 'Héloïse', 'Élise', 'Maya',
  'Yasmine', 'Aïcha', 'Fatoumata', 'Mathilde', 'Capucine', 'Océane', 'Charlotte', 'Lou', 'Iris', 'Adèle',
  'Apolline', 'Maëlle', 'Garance', 'Constance', 'Lisa',
];

export const BOYS = [
  'Lucas', 'Hugo', 'Louis', 'Gabriel', 'Arthur', 'Jules', 'Raphaël', 'Adam', 'Nathan', 'Léo', 'Tom', 'Théo',
  'Noah', 'Ethan', 'Mathis', 'Paul', 'Sacha', 'Maël', 'Nolan', 'Enzo', 'Timéo', 'Axel', 'Clément', 'Victor',
  'Baptiste', 'Antoine', 'Maxime', 'Yanis', 'Rayan', 'Ibrahim', 'Mamadou', 'Samuel', 'Martin', 'Valentin',
  'Romain', 'Alexandre', 'Évan', 'Esteban', 'Noé', 'Côme', 'Gaspard', 'Aurélien', 'Mehdi', 'Karim', 'Thomas',
  'Benjamin', 'Matéo', 'Eliott', 'Robin', 'Simon',
];

export const WOMEN = [
  'Nathalie', 'Isabelle', 'Sandrine', 'Céline', 'Stéphanie', 'Aurélie', 'Émilie', 'Julie', 'Virginie', 'Caroline',
  'Sophie', 'Karine', 'Laetitia', 'Delphine', 'Élodie', 'Audrey', 'Marion', 'Anne', 'Claire', 'Hélène', 'Valérie',
  'Vanessa', 'Mélanie', 'Séverine', 'Sabrina', 'Nadia', 'Samira', 'Fatima', 'Amandine', 'Cécile', 'Marie-Laure',
  'Anne-Sophie', 'Ophélie', 'Jessica', 'Magali',
];

export const MEN = [
  'Nicolas', 'Sébastien', 'Julien', 'Christophe', 'Stéphane', 'David', 'Jérôme', 'Olivier', 'Frédéric', 'Laurent',
  'Vincent', 'Thomas', 'Guillaume', 'Mathieu', 'Pierre', 'Cédric', 'Franck', 'Arnaud', 'Grégory', 'Fabrice', 'Yann',
  'Damien', 'Karim', 'Mohamed', 'Rachid', 'Xavier', 'Benoît', 'Éric', 'Philippe', 'Jean-Marc', 'Jean-Baptiste',
  'Ludovic', 'Loïc', 'Hervé', 'Bruno',
];

export const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon',
  'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard',
  'André', 'Mercier', 'Dupont', 'Bonnet', 'François', 'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau',
  'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont',
  'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Masson', 'Sanchez', 'Gérard', 'Nguyen', 'Boyer', 'Denis', 'Lemaire',
  'Duval', 'Joly', 'Roche', 'Roy', 'Noël', 'Meyer', 'Meunier', 'Pérez', 'Marchand', 'Dufour', 'Blanchard',
  'Barbier', 'Brun', 'Dumas', 'Brunet', 'Schmitt', 'Leroux', 'Colin', 'Fernandez', 'Renard', 'Arnaud', 'Rolland',
  'Caron', 'Aubert', 'Giraud', 'Leclerc', 'Vidal', 'Bourgeois', 'Renaud', 'Lemoine', 'Picard', 'Gaillard',
  'Lacroix', 'Fabre', 'Dupuis', 'Rodriguez', 'Da Silva', 'Hubert', 'Rivière', 'Le Gall', 'Rey', 'Gonzalez',
  'Berger', 'Lecomte', 'Ménard', 'Fleury', 'Deschamps', 'Carpentier', 'Maillard', 'Aubry', 'Prévost', 'Poirier',
  'Charpentier', 'Huet', 'Baron', 'Pons', 'Carré', 'Breton', 'Rémy', 'Schneider', 'Guyot', 'Marty', 'Cousin',
  'Benali', 'Diallo', 'Traoré', 'Haddad', 'Mendes', 'Ferreira', 'Koné', 'Cissé', 'Bouvier', 'N’Diaye', 'Le Goff',
  'Saint-Martin', 'Hoarau', 'Kowalski', 'Yilmaz',
];

// adults written by hand in the demo whose first names are in none of the lists above
const OTHER_WOMEN = ['Catherine', 'Josiane'];
const OTHER_MEN = ['Manuel'];

/** The civilité column of a demo adult, from the first name: "Mme" or "M.". */
export function demoCivility(firstName: string): 'Mme' | 'M.' {
  if (WOMEN.includes(firstName) || GIRLS.includes(firstName) || OTHER_WOMEN.includes(firstName)) return 'Mme';
  if (MEN.includes(firstName) || BOYS.includes(firstName) || OTHER_MEN.includes(firstName)) return 'M.';
  // a new hand-written name must be added above: guessing could call a woman "M."
  throw new Error(`civilité inconnue pour le prénom de démonstration « ${firstName} »`);
}
